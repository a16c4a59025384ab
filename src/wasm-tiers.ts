/**
 * When large WebAssembly code is about to compile. V8 recompiles hot WebAssembly functions with
 * its optimising compiler on background threads, and Node waits for that work before it exits:
 * for the bash grammar (tree-sitter-bash) that is about 1.4 s, while its baseline code parses RUN
 * bodies fast enough. For the tar walk (src/image/wasm) the optimised code is what makes it fast
 * (about 130 ms less on the bench image). V8's switch (`--liftoff-only`) is per process and
 * applies to code compiled after it is set, so the CLI sets it here, just before the grammar
 * compiles, rather than at start-up.
 */
let hook: (() => void) | undefined;

/** Runs `fn` once, just before the first large WebAssembly module compiles. */
export function beforeLargeWasm(fn: () => void): void {
  hook = fn;
}

/** Called by a loader of large WebAssembly code before it compiles it. */
export function compilingLargeWasm(): void {
  const fn = hook;
  hook = undefined;
  fn?.();
}
