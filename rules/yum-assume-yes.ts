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
    id: 'yum-assume-yes',
    severity: 'warning',
    hadolint: 'DL3030',
    docs: {
      summary: '`yum install` without `-y` stops at a confirmation prompt.',
      rationale:
        'A build has no terminal: when yum asks "Is this ok [y/d/N]" it reads end-of-file and ' +
        'exits with "Operation aborted", failing the build. Pass `-y` (`--assumeyes`), or set ' +
        '`assumeyes=1` (in yum.conf in an earlier RUN of the stage, or with `--setopt`). Unlike ' +
        'hadolint, every command that asks is checked (`update`, `upgrade`, `remove`, ' +
        '`reinstall`, `downgrade`, group installs), not just `install`, `groupinstall` and ' +
        '`localinstall`.',
      bad: 'FROM centos:7\nRUN yum install httpd-2.4.6 && yum clean all\n',
      good: 'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n',
    },
    messages: {
      missingYes: '`yum {{verb}}` stops at a confirmation prompt, which fails the build; add `-y`',
    },
  },
  check(model, report) {
    for (const run of model.find('RUN')) {
      if (configSeenBy(model, run).some((text) => ASSUME_YES_SETTING.test(text))) continue;
      for (const command of run.shell.commands) {
        const verb = promptingVerb(command);
        if (verb === null || hasFlag(command, 'y', 'assumeyes')) continue;
        report({ messageId: 'missingYes', at: command, data: { verb } });
      }
    }
  },
});

const PROMPTING_VERBS = [
  'install',
  'groupinstall',
  'localinstall',
  'reinstall',
  'update',
  'upgrade',
  'update-minimal',
  'remove',
  'erase',
  'downgrade',
  'groupremove',
  'groupupdate',
  'autoremove',
];

/** yum options that take a separate value. */
const YUM_OPTIONS_WITH_VALUE = [
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
  '--setopt',
  '--downloaddir',
  '--color',
  '--rpmverbosity',
];

/** `assumeyes=1` in yum.conf or `--setopt=assumeyes=1`. */
const ASSUME_YES_SETTING = /assumeyes\s*=\s*(?:1|true|yes)\b/i;

function promptingVerb(command: ShellCommand): string | null {
  if (!isCommand(command, 'yum')) return null;
  const [verb, sub] = operands(command.args, YUM_OPTIONS_WITH_VALUE).map((w) => w.value);
  if (verb === undefined) return null;
  if (PROMPTING_VERBS.includes(verb)) return verb;
  if (
    (verb === 'group' || verb === 'groups') &&
    ['install', 'remove', 'update'].includes(sub ?? '')
  ) {
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

/** Arguments that are neither options nor option values: `yum -c f.conf install x` → `install`, `x`. */
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
