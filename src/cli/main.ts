import { setFlagsFromString } from 'node:v8';
import { Command, CommanderError } from 'commander';
import { LayerlintError } from '../errors.js';
import { beforeLargeWasm } from '../wasm-tiers.js';
import { registerCommands } from './commands.js';

export const VERSION = '0.1.0';

/**
 * Runs the CLI and resolves to the process exit code. Heavy modules (ink, the shell parser, the
 * rules) are imported by each command's action, so a command loads only what it uses.
 */
export async function main(argv: readonly string[]): Promise<number> {
  // The shell parser is tree-sitter-bash compiled to wasm: baseline code only for it (see
  // wasm-tiers.ts), set when it loads so that the tar walk's wasm, compiled before, is optimised.
  beforeLargeWasm(() => setFlagsFromString('--liftoff-only'));
  const debug = argv.includes('--debug');
  const program = new Command('layerlint')
    .description('Find the bytes a container image ships but never shows.')
    .version(VERSION)
    .option('--debug', 'print stack traces for errors')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  let exitCode = 0;
  registerCommands(program, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, debug);
  }
}

function reportError(error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
    // commander already printed its message; help and version are successes.
    if (
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.version' ||
      error.code === 'commander.help'
    ) {
      return 0;
    }
    return 2;
  }
  if (error instanceof LayerlintError && !debug) {
    process.stderr.write(`layerlint: ${error.message}\n`);
    return 2;
  }
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`layerlint ${VERSION}: unexpected error\n${stack}\n`);
  return 2;
}
