import type {
  DockerfileModel,
  RunInstruction,
  ShellCommand,
  ShellWord,
} from '../src/dockerfile/index.js';
import { hasCacheMount, hasFlag, isCommand } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'yum-clean-all',
    severity: 'warning',
    hadolint: 'DL3032',
    docs: {
      summary: '`yum install` without `yum clean all` afterwards leaves its cache in the layer.',
      rationale:
        'yum keeps repository metadata and downloaded packages under /var/cache/yum (/var/cache/dnf ' +
        'where yum is dnf), often a hundred megabytes, and a later RUN cannot shrink the layer. Run ' +
        '`yum clean all` after the last install in the same RUN, delete the cache directory ' +
        '(`rm -rf /var/cache/yum`), or keep it out of the layer with a BuildKit cache or tmpfs ' +
        'mount. Unlike hadolint, an unrelated `rm -rf` or `yum clean metadata` is not cleanup, the ' +
        'BuildKit mounts are honoured, `yum update`/`upgrade`/`reinstall`/`groupinstall`/' +
        '`localinstall` are checked too, and only stages that end up in an image are checked.',
      bad: 'FROM centos:7\nRUN yum install -y httpd-2.4.6\n',
      good: 'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n',
    },
    messages: {
      leftInLayer:
        '`yum {{verb}}` leaves its cache in the layer; add `&& yum clean all` to the same RUN, or use a cache mount on /var/cache/yum',
    },
  },
  check(model, report) {
    for (const run of model.find('RUN')) {
      if (!shipsInImage(model, run) || CACHE_DIRS.some((dir) => hasCacheMount(run, dir))) continue;
      for (const command of run.shell.commands) {
        const verb = yumInstallVerb(command);
        if (verb === null || isCleanedAfter(run, command)) continue;
        report({ messageId: 'leftInLayer', at: command, data: { verb } });
      }
    }
  },
});

/** Where yum keeps its cache (dnf's on systems where `yum` is dnf). */
const CACHE_DIRS = ['/var/cache/yum', '/var/cache/dnf'];

const INSTALL_VERBS = [
  'install',
  'groupinstall',
  'localinstall',
  'reinstall',
  'update',
  'upgrade',
  'downgrade',
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

/** `install` for `yum install …`, `group install` for `yum group install …`; null if it installs nothing. */
function yumInstallVerb(command: ShellCommand): string | null {
  if (!isCommand(command, 'yum')) return null;
  const [verb, sub] = operands(command.args, YUM_OPTIONS_WITH_VALUE).map((w) => w.value);
  if (verb === undefined) return null;
  if (INSTALL_VERBS.includes(verb)) return verb;
  if ((verb === 'group' || verb === 'groups') && sub === 'install') return `${verb} install`;
  return null;
}

function isCleanedAfter(run: RunInstruction, install: ShellCommand): boolean {
  return run.shell.commands.some(
    (c) => c.index > install.index && (isYumCleanAll(c) || removesCacheDir(c)),
  );
}

function isYumCleanAll(command: ShellCommand): boolean {
  const [verb, what] = operands(command.args, YUM_OPTIONS_WITH_VALUE).map((w) => w.value);
  return isCommand(command, 'yum', 'dnf') && verb === 'clean' && what === 'all';
}

function removesCacheDir(command: ShellCommand): boolean {
  return (
    isCommand(command, 'rm') &&
    hasFlag(command, 'r', 'R', 'recursive') &&
    command.args.some((a) => CACHE_DIRS.some((dir) => a.value.startsWith(dir)))
  );
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

/** The RUN's layer ends up in an image: last stage, a stage built upon, an ONBUILD, or no FROM at all. */
function shipsInImage(model: DockerfileModel, run: RunInstruction): boolean {
  if (run.isOnbuildTrigger) return true;
  const stage = model.stageOf(run);
  return stage === null || stage.isLast || stage.isUsedAsBase;
}
