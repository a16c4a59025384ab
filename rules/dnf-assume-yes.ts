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
    id: 'dnf-assume-yes',
    severity: 'warning',
    hadolint: 'DL3038',
    docs: {
      summary: '`dnf install` without `-y` stops at a confirmation prompt.',
      rationale:
        'A build has no terminal: when dnf asks "Is this ok [y/N]" it reads end-of-file and ' +
        'exits with "Operation aborted", failing the build. Pass `-y` (`--assumeyes`), or set ' +
        '`assumeyes=True` (in dnf.conf in an earlier RUN of the stage, or with `--setopt`). ' +
        'microdnf never asks (its `-y` does nothing), so it is not checked. Unlike hadolint, ' +
        'every dnf command that asks is checked (`upgrade`, `remove`, `reinstall`, ' +
        '`distro-sync`, group and module commands…), not just `install`, `groupinstall` and ' +
        '`localinstall`.',
      bad: 'FROM fedora:40\nRUN dnf install httpd-2.4.62 && dnf clean all\n',
      good: 'FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n',
    },
    messages: {
      missingYes:
        '`{{command}} {{verb}}` stops at a confirmation prompt, which fails the build; add `-y`',
    },
  },
  check(model, report) {
    for (const run of model.find('RUN')) {
      if (configSeenBy(model, run).some((text) => ASSUME_YES_SETTING.test(text))) continue;
      for (const command of run.shell.commands) {
        const verb = promptingVerb(command);
        if (verb === null || hasFlag(command, 'y', 'assumeyes')) continue;
        report({ messageId: 'missingYes', at: command, data: { command: command.name, verb } });
      }
    }
  },
});

const PROMPTING_VERBS = [
  'install',
  'in',
  'groupinstall',
  'localinstall',
  'reinstall',
  'rei',
  'upgrade',
  'up',
  'update',
  'upgrade-minimal',
  'up-min',
  'remove',
  'rm',
  'erase',
  'downgrade',
  'dg',
  'distro-sync',
  'dsync',
  'autoremove',
  'swap',
];

/** `dnf group …` / `dnf module …` subcommands that ask. */
const PROMPTING_SUBVERBS = [
  'install',
  'remove',
  'upgrade',
  'enable',
  'disable',
  'reset',
  'switch-to',
];

/** dnf options that take a separate value. */
const DNF_OPTIONS_WITH_VALUE = [
  '-c',
  '--config',
  '-x',
  '--exclude',
  '-d',
  '--debuglevel',
  '-e',
  '--errorlevel',
  '--installroot',
  '--releasever',
  '--enablerepo',
  '--disablerepo',
  '--repo',
  '--repoid',
  '--repofrompath',
  '--setopt',
  '--downloaddir',
  '--destdir',
  '--color',
  '--rpmverbosity',
  '--forcearch',
  '--comment',
];

/** `assumeyes=True` in dnf.conf or `--setopt=assumeyes=True`. */
const ASSUME_YES_SETTING = /assumeyes\s*=\s*(?:1|true|yes)\b/i;

function promptingVerb(command: ShellCommand): string | null {
  if (!isCommand(command, 'dnf', 'dnf5', 'dnf-3')) return null;
  const [verb, sub] = operands(command.args, DNF_OPTIONS_WITH_VALUE).map((w) => w.value);
  if (verb === undefined) return null;
  if (PROMPTING_VERBS.includes(verb)) return verb;
  if (['group', 'groups', 'module'].includes(verb) && PROMPTING_SUBVERBS.includes(sub ?? '')) {
    return `${verb} ${sub}`;
  }
  return null;
}

/** Text of the RUNs whose configuration this RUN sees: itself, earlier RUNs of its stage, and of stages it builds on. */
function configSeenBy(model: DockerfileModel, run: RunInstruction): string[] {
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

/** Arguments that are neither options nor option values: `dnf -c f.conf install x` → `install`, `x`. */
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
