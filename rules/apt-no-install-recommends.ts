import type {
  DockerfileModel,
  RunInstruction,
  ShellCommand,
  ShellWord,
} from '../src/dockerfile/index.js';
import { hasFlag, is, isCommand } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'apt-no-install-recommends',
    severity: 'info',
    hadolint: 'DL3015',
    docs: {
      summary:
        '`apt-get install` without `--no-install-recommends` also installs recommended packages.',
      rationale:
        'By default apt installs every package that an installed package merely recommends: ' +
        'documentation, optional helpers, sometimes a whole toolchain, often doubling the size of ' +
        'the install. Pass `--no-install-recommends` and list what you need. ' +
        '`-o APT::Install-Recommends=false`, or that setting written to apt.conf in an earlier ' +
        'RUN of the stage (or of a stage it builds on), counts too. Unlike hadolint, `apt install` ' +
        'is checked too.',
      bad: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl=7.88.1-10+deb12u8\n',
      good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8\n',
    },
    messages: {
      installsRecommends:
        '`{{command}} install` also installs recommended packages; add `--no-install-recommends`',
    },
  },
  check(model, report) {
    for (const run of model.find('RUN')) {
      if (aptConfigSeenBy(model, run).some((text) => NO_RECOMMENDS_SETTING.test(text))) continue;
      for (const command of run.shell.commands.filter(isAptInstall)) {
        if (hasFlag(command, 'no-install-recommends')) continue;
        report({ messageId: 'installsRecommends', at: command, data: { command: command.name } });
      }
    }
  },
});

/** apt-get options that take a separate value. */
const APT_OPTIONS_WITH_VALUE = [
  '-o',
  '--option',
  '-c',
  '--config-file',
  '-t',
  '--target-release',
  '--default-release',
  '-a',
  '--host-architecture',
];

/** `APT::Install-Recommends=false` (`-o`) or `APT::Install-Recommends "false";` (apt.conf). */
const NO_RECOMMENDS_SETTING = /APT::Install-Recommends\s*=?\s*\\?["']?\s*(?:false|no|0)\b/i;

function isAptInstall(command: ShellCommand): boolean {
  return (
    isCommand(command, 'apt-get', 'apt') &&
    operands(command.args, APT_OPTIONS_WITH_VALUE)[0]?.value === 'install'
  );
}

/** Text of the RUNs whose apt configuration this RUN sees: itself, earlier RUNs of its stage, and of stages it builds on. */
function aptConfigSeenBy(model: DockerfileModel, run: RunInstruction): string[] {
  const stage = model.stageOf(run);
  const seen = (stage ? stage.instructions : model.instructions.filter((i) => i.stageIndex === -1))
    .filter((i) => is(i, 'RUN') && i.index < run.index)
    .map((i) => i.text);
  for (let base = stage?.baseStageIndex ?? null; base !== null; ) {
    const baseStage = model.stages[base];
    if (baseStage === undefined) break;
    seen.push(...baseStage.instructions.filter((i) => is(i, 'RUN')).map((i) => i.text));
    base = baseStage.baseStageIndex;
  }
  return [...seen, run.text];
}

/** Arguments that are neither options nor option values: `apt-get -o X=y install z` → `install`, `z`. */
function operands(args: readonly ShellWord[], optionsWithValue: readonly string[]): ShellWord[] {
  const result: ShellWord[] = [];
  let skipValue = false;
  let endOfOptions = false;
  for (const arg of args) {
    const value = arg.value;
    if (skipValue) skipValue = false;
    else if (endOfOptions || value === '-' || !value.startsWith('-')) result.push(arg);
    else if (value === '--') endOfOptions = true;
    else skipValue = !value.includes('=') && optionsWithValue.includes(value);
  }
  return result;
}
