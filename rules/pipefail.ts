import type {
  CmdInstruction,
  DockerfileModel,
  Instruction,
  RunInstruction,
  ShellCommand,
  Word,
} from '../src/dockerfile/index.js';
import { is, isCommand } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'pipefail',
    severity: 'warning',
    hadolint: 'DL4006',
    docs: {
      summary: 'A RUN with a pipe runs without `pipefail`.',
      rationale:
        "A pipeline's status is that of its last command, so in `curl … | tar x` a failed download " +
        'still builds an image. Turn on `pipefail` with `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` ' +
        '(it lasts for the stage and stages built on it), or with `set -o pipefail` at the start of ' +
        'the RUN. Any shell given `-o pipefail` counts: unlike hadolint we accept `/bin/sh -o ' +
        'pipefail`, which works on Alpine (busybox ash) and recent dash, and fails loudly where ' +
        'unsupported, so nothing is hidden (hadolint issues #250, #350, #1084). PowerShell and cmd ' +
        'stages are skipped, and so are pipes fed only by `echo`/`printf` (`echo "$sum *f" | ' +
        "sha256sum -c -`): the last command's status is kept anyway.",
      bad: 'FROM debian:12\nRUN curl -fsSL https://example.com/x.tgz | tar xz\n',
      good: 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/x.tgz | tar xz\n',
    },
    messages: {
      noPipefail:
        'without pipefail, a failure of `{{command}}` in this pipe is ignored; add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN, or start it with `set -o pipefail &&`',
    },
  },
  check(model, report) {
    const pipefailAtEnd: boolean[] = [];
    for (const stage of model.stages) {
      let pipefail =
        stage.baseStageIndex === null ? false : (pipefailAtEnd[stage.baseStageIndex] ?? false);
      for (const instruction of withTriggers(stage.instructions)) {
        if (is(instruction, 'SHELL') && !instruction.isOnbuildTrigger)
          pipefail = setsPipefail(instruction);
        if (!is(instruction, 'RUN') || pipefail || hasOwnPipefail(model, instruction)) continue;
        const first = firstPiped(model, instruction);
        if (first) report({ messageId: 'noPipefail', at: first, data: { command: first.name } });
      }
      pipefailAtEnd[stage.index] = pipefail;
    }
    for (const run of runsBeforeFirstFrom(model)) {
      const first = hasOwnPipefail(model, run) ? undefined : firstPiped(model, run);
      if (first) report({ messageId: 'noPipefail', at: first, data: { command: first.name } });
    }
  },
});

function withTriggers(instructions: readonly Instruction[]): Instruction[] {
  return instructions.flatMap((i) => (is(i, 'ONBUILD') && i.trigger ? [i, i.trigger] : [i]));
}

function runsBeforeFirstFrom(model: DockerfileModel): RunInstruction[] {
  return model.find('RUN').filter((r) => r.stageIndex === -1);
}

/** The first command of a pipeline whose failure could be hidden, in a POSIX-shell RUN. */
function firstPiped(model: DockerfileModel, run: RunInstruction): ShellCommand | undefined {
  if (run.shell.dialect !== 'posix' || !run.shell.hasPipe) return undefined;
  return pipelines(model, run).find((p) => p.slice(0, -1).some((c) => !cannotFail(c)))?.[0];
}

/** Consecutive piped commands joined by a single `|` in the source, grouped into pipelines. */
function pipelines(model: DockerfileModel, run: RunInstruction): ShellCommand[][] {
  const groups: ShellCommand[][] = [];
  let previous: ShellCommand | undefined;
  for (const command of run.shell.commands.filter((c) => c.isInPipeline && !c.isInSubstitution)) {
    const current = groups.at(-1);
    if (current && previous && PIPE.test(textBetween(model, previous, command)))
      current.push(command);
    else groups.push([command]);
    previous = command;
  }
  return groups;
}

const PIPE = /^[^;&|]*(?<!\|)\|(?!\|)[^;&|]*$/;

function textBetween(model: DockerfileModel, a: ShellCommand, b: ShellCommand): string {
  const { end } = a.range;
  const { start } = b.range;
  if (end.line === start.line)
    return model.lines[end.line - 1]?.slice(end.column - 1, start.column - 1) ?? '';
  const first = model.lines[end.line - 1]?.slice(end.column - 1) ?? '';
  const middle = model.lines.slice(end.line, start.line - 1);
  const last = model.lines[start.line - 1]?.slice(0, start.column - 1) ?? '';
  return [first, ...middle, last].join('\n');
}

/** `echo`/`printf` feeding a pipe cannot fail in a way pipefail would catch. */
function cannotFail(command: ShellCommand): boolean {
  return isCommand(command, 'echo', 'printf');
}

/** `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` (also `-eo pipefail`, `-euxo pipefail`). */
function setsPipefail(shell: CmdInstruction): boolean {
  return hasPipefailOption(shell.execArgs.map((w: Word) => w.value));
}

function hasPipefailOption(args: readonly string[]): boolean {
  return args.some((arg, i) => /^-[a-zA-Z]*o$/.test(arg) && args[i + 1] === 'pipefail');
}

/** `set -o pipefail` before the first pipe, or an exec-form shell given `-o pipefail`. */
function hasOwnPipefail(model: DockerfileModel, run: RunInstruction): boolean {
  if (hasPipefailOption(run.execArgs.map((w) => w.value))) return true;
  const first = firstPiped(model, run);
  return run.shell.commands.some(
    (c) =>
      isCommand(c, 'set') &&
      hasPipefailOption(c.args.map((a) => a.value)) &&
      (first === undefined || c.index < first.index),
  );
}
