/**
 * The hidden-file list's JSON written by WebAssembly (src/report/wasm/hidden-json.c says what it
 * takes and why it is C). One writer per list: it copies the path table's bytes and the list's
 * columns into its own memory once, then writes a range of files per call.
 */
import type { HiddenFileList } from '../analysis/hidden-files.js';
import { HIDDEN_JSON_WASM } from './wasm/hidden-json-wasm.js';

/** The part of the WebAssembly API used here (this project's type libraries do not declare it). */
declare const WebAssembly: {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object) => { readonly exports: unknown };
};

interface Exports {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  readonly __heap_base: { readonly value: number };
  written(): number;
  write(...args: number[]): number;
}

let compiled: object | undefined;

/** Bytes of output one call may write: a chunk of the list (a few thousand files) fits. */
const OUT_BYTES = 1 << 20;
const PAGE = 1 << 16;

/**
 * Whether the list is written by WebAssembly: LAYERLINT_WASM=0 turns it off (tests compare
 * both writers), and Node run without WebAssembly (`--jitless`) has none.
 */
export function hiddenJsonWasmEnabled(): boolean {
  return process.env.LAYERLINT_WASM !== '0' && typeof WebAssembly !== 'undefined';
}

/** The texts around a file's values, in hidden-json.c's order (OPEN … SEPARATOR). */
export type HiddenJsonTexts = readonly [
  open: Uint8Array,
  size: Uint8Array,
  added: Uint8Array,
  hidden: Uint8Array,
  how: Uint8Array,
  close: Uint8Array,
  deleted: Uint8Array,
  opaque: Uint8Array,
  overwritten: Uint8Array,
  separator: Uint8Array,
];

export class HiddenJsonWriter {
  private readonly x: Exports;
  /** Where each input lies in the module's memory (the arguments of `write` before `most`). */
  private readonly inputs: number[];
  private readonly most: number;
  private readonly out: number;

  constructor(list: HiddenFileList, texts: HiddenJsonTexts) {
    compiled ??= new WebAssembly.Module(Buffer.from(HIDDEN_JSON_WASM, 'base64'));
    this.x = new WebAssembly.Instance(compiled).exports as Exports;
    const { arena, starts, lengths } = list.table.pathBytes();
    const textBytes = Buffer.concat([...texts]);
    const textAt = new Int32Array(texts.length);
    const textLength = new Int32Array(texts.map((t) => t.length));
    for (let k = 1; k < texts.length; k++) textAt[k] = textAt[k - 1]! + textLength[k - 1]!;
    const parts: ArrayBufferView[] = [
      arena,
      starts,
      lengths,
      list.ids,
      list.sizes,
      list.adders,
      list.hiders,
      list.hows,
      textBytes,
      textAt,
      textLength,
    ];
    // Each part 8-byte aligned (the sizes are doubles), then the output buffer.
    let at = this.x.__heap_base.value;
    const offsets: number[] = [];
    for (const part of parts) {
      at = Math.ceil(at / 8) * 8;
      offsets.push(at);
      at += part.byteLength;
    }
    this.out = Math.ceil(at / 8) * 8;
    const needed = this.out + OUT_BYTES;
    const have = this.x.memory.buffer.byteLength;
    if (needed > have) this.x.memory.grow(Math.ceil((needed - have) / PAGE));
    const memory = new Uint8Array(this.x.memory.buffer);
    parts.forEach((part, k) => {
      memory.set(new Uint8Array(part.buffer, part.byteOffset, part.byteLength), offsets[k]!);
    });
    this.inputs = offsets;
    // Besides its path: every text (one how value at most, but all is simpler), two quotes and
    // three counts of at most 16 digits.
    this.most = textBytes.length + 2 + 3 * 16;
  }

  /**
   * Writes files [from, to) (the first preceded by `,\n` when `separate`) and returns the index
   * of the first it did not write, with the bytes it wrote (a view, valid until the next call).
   * The caller writes that file itself and calls again from the next.
   */
  write(from: number, to: number, separate: boolean): { stoppedAt: number; bytes: Uint8Array } {
    const stoppedAt = this.x.write(
      ...this.inputs,
      this.most,
      from,
      to,
      separate ? 1 : 0,
      this.out,
      OUT_BYTES,
    );
    return {
      stoppedAt,
      bytes: new Uint8Array(this.x.memory.buffer, this.out, this.x.written()),
    };
  }
}
