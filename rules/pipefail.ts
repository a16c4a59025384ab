import type {
  CmdInstruction,
  DockerfileModel,
  Instruction,
  RunInstruction,
  ShellCommand,
  Word,
} from '../src/dockerfile/index.js';
import { feedsPipe, is, isCommand } from '../src/dockerfile/index.js';
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
        if (!is(instruction, 'RUN') || pipefail) continue;
        const first = firstPiped(instruction);
        if (first && !hasOwnPipefail(instruction, first))
          report({ messageId: 'noPipefail', at: first, data: { command: first.name } });
      }
      pipefailAtEnd[stage.index] = pipefail;
    }
    for (const run of runsBeforeFirstFrom(model)) {
      const first = firstPiped(run);
      if (first && !hasOwnPipefail(run, first))
        report({ messageId: 'noPipefail', at: first, data: { command: first.name } });
    }
  },
});

function withTriggers(instructions: readonly Instruction[]): Instruction[] {
  return instructions.flatMap((i) => (is(i, 'ONBUILD') && i.trigger ? [i, i.trigger] : [i]));
}

function runsBeforeFirstFrom(model: DockerfileModel): RunInstruction[] {
  return model.find('RUN').filter((r) => r.stageIndex === -1);
}

/** The first command of the first pipeline that hides a failure, in a POSIX-shell RUN. */
function firstPiped(run: RunInstruction): ShellCommand | undefined {
  const hidden = run.shell.commands.find(
    (c) => feedsPipe(c) && !c.isInSubstitution && !cannotFail(c),
  );
  if (!hidden?.pipeline) return undefined;
  const { firstCommand } = hidden.pipeline;
  return run.shell.commands.find((c) => c.index === firstCommand);
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

/** `set -o pipefail` before the `first` piped command, or an exec-form shell given `-o pipefail`. */
function hasOwnPipefail(run: RunInstruction, first: ShellCommand): boolean {
  if (hasPipefailOption(run.execArgs.map((w) => w.value))) return true;
  return run.shell.commands.some(
    (c) =>
      isCommand(c, 'set') && hasPipefailOption(c.args.map((a) => a.value)) && c.index < first.index,
  );
}
