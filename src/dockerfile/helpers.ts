/** Small named helpers rules use to read like their messages. All pure. */
import type {
  DockerfileModel,
  Instruction,
  InstructionByKeyword,
  Keyword,
  RunInstruction,
  ShellCommand,
} from './types.js';

/** Type guard: `is(instruction, 'RUN')` narrows to `RunInstruction`. */
export function is<K extends Keyword>(
  instruction: Instruction,
  keyword: K,
): instruction is Instruction & InstructionByKeyword[K] {
  return instruction.keyword === keyword;
}

/** The command's program name without its directory (`/usr/bin/apt-get` → `apt-get`). */
export function commandName(command: ShellCommand): string {
  const slash = command.name.lastIndexOf('/');
  return slash === -1 ? command.name : command.name.slice(slash + 1);
}

/** The command is one of `names` (compared without directory). */
export function isCommand(command: ShellCommand, ...names: string[]): boolean {
  return names.includes(commandName(command));
}

/** Some argument equals one of `values` exactly (after quote removal). */
export function hasArg(command: ShellCommand, ...values: string[]): boolean {
  return command.args.some((a) => values.includes(a.value));
}

/** Some flag (see `ShellCommand.flags`) is one of `flags`: `hasFlag(cmd, 'y', 'yes', 'assume-yes')`. */
export function hasFlag(command: ShellCommand, ...flags: string[]): boolean {
  return command.flags.some((f) => flags.includes(f));
}

/**
 * The command's output goes on down a pipe (`curl … | tar x`: curl): it is not the last stage of
 * its pipeline, so without `pipefail` its failure goes unnoticed.
 */
export function feedsPipe(command: ShellCommand): boolean {
  return command.pipeline !== null && command.pipeline.index < command.pipeline.length - 1;
}

/** Arguments that are not flags (do not start with `-`), e.g. packages after `install`. */
export function positionalArgs(command: ShellCommand): string[] {
  return command.args.map((a) => a.value).filter((v) => !v.startsWith('-'));
}

/** Every shell command of every RUN (ONBUILD RUN included), with its RUN. */
export function runCommands(
  model: DockerfileModel,
): { readonly run: RunInstruction; readonly command: ShellCommand }[] {
  return model
    .find('RUN')
    .flatMap((run) => run.shell.commands.map((command) => ({ run, command })));
}

/**
 * A BuildKit cache or tmpfs mount whose target contains `fragment` (hadolint's substring rule):
 * `hasCacheMount(run, '/var/lib/apt/lists')`.
 */
export function hasCacheMount(run: RunInstruction, fragment: string): boolean {
  return run.mounts.some(
    (m) => (m.type === 'cache' || m.type === 'tmpfs') && m.target.includes(fragment),
  );
}
