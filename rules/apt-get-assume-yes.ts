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
    id: 'apt-get-assume-yes',
    severity: 'warning',
    hadolint: 'DL3014',
    docs: {
      summary: '`apt-get install` without `-y` stops at a confirmation prompt.',
      rationale:
        'A build has no terminal: when `apt-get install` asks "Do you want to continue?" it reads ' +
        'end-of-file and aborts, so the build fails as soon as a package pulls in a dependency. ' +
        'Pass `-y` (`--yes`, `--assume-yes`); `-qq` (`-q=2`) implies it, as does ' +
        '`-o APT::Get::Assume-Yes=true` or that setting written to apt.conf earlier in the stage. ' +
        '`DEBIAN_FRONTEND=noninteractive` does not answer this prompt. Unlike hadolint, the other ' +
        'commands that prompt (`upgrade`, `dist-upgrade`, `remove`, `purge`, `autoremove`, ' +
        '`build-dep`) and `apt` are checked too.',
      bad: 'FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends curl=7.88.1-10+deb12u8\n',
      good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8\n',
    },
    messages: {
      missingYes:
        '`{{command}} {{verb}}` stops at a confirmation prompt, which fails the build; add `-y`',
    },
  },
  check(model, report) {
    for (const run of model.find('RUN')) {
      if (aptConfigSeenBy(model, run).some((text) => ASSUME_YES_SETTING.test(text))) continue;
      for (const command of run.shell.commands) {
        const verb = promptingVerb(command);
        if (verb === null || assumesYes(command)) continue;
        report({ messageId: 'missingYes', at: command, data: { command: command.name, verb } });
      }
    }
  },
});

/** apt-get commands that ask before changing the system. */
const PROMPTING_VERBS = [
  'install',
  'upgrade',
  'dist-upgrade',
  'full-upgrade',
  'remove',
  'purge',
  'autoremove',
  'autopurge',
  'build-dep',
  'reinstall',
];

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

/** `APT::Get::Assume-Yes=true` (`-o`) or `APT::Get::Assume-Yes "true";` (apt.conf). */
const ASSUME_YES_SETTING = /APT::Get::Assume-Yes\s*=?\s*\\?["']?\s*(?:true|yes|1)\b/i;

function promptingVerb(command: ShellCommand): string | null {
  if (!isCommand(command, 'apt-get', 'apt')) return null;
  const verb = operands(command.args, APT_OPTIONS_WITH_VALUE)[0]?.value;
  return verb !== undefined && PROMPTING_VERBS.includes(verb) ? verb : null;
}

/** `-y`, `--yes`, `--assume-yes`, or a quiet level of 2 (`-qq`, `-q -q`, `-q=2`), which implies `-y`. */
function assumesYes(command: ShellCommand): boolean {
  return hasFlag(command, 'y', 'yes', 'assume-yes') || quietLevel(command) >= 2;
}

/** The level `-q=N` / `--quiet=N` sets, else one per `-q` / `--quiet` (`-qq` is 2). */
function quietLevel(command: ShellCommand): number {
  const levels = command.args.map((a) => /^(?:-q|--quiet)=(\d+)$/.exec(a.value)?.[1]);
  const set = levels.filter((level) => level !== undefined).at(-1);
  return set === undefined
    ? command.flags.filter((f) => f === 'q' || f === 'quiet').length
    : Number(set);
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
