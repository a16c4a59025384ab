import type { Command } from 'commander';
import { registerAnalyze } from './analyze.js';
import { registerCi } from './ci.js';
import { registerExplore } from './explore.js';
import { registerLint } from './lint.js';
import { registerRules } from './rules.js';

/** Sets the process exit code from a command's action. */
export type SetExitCode = (code: number) => void;

/**
 * Every command registers itself here. Registration is cheap (names and options); each action
 * imports its heavy modules lazily.
 */
export function registerCommands(program: Command, setExitCode: SetExitCode): void {
  registerAnalyze(program, setExitCode);
  registerExplore(program, setExitCode);
  registerLint(program, setExitCode);
  registerRules(program, setExitCode);
  registerCi(program, setExitCode);
}
