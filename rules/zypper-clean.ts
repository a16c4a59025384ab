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
    id: 'zypper-clean',
    severity: 'warning',
    hadolint: 'DL3036',
    docs: {
      summary:
        '`zypper install` without `zypper clean --all` afterwards leaves its cache in the layer.',
      rationale:
        'zypper refreshes repository metadata into /var/cache/zypp (raw and solv files, tens of ' +
        'megabytes for the main openSUSE repositories) and a later RUN cannot shrink the layer. ' +
        'Run `zypper clean --all` after the last install in the same RUN, delete /var/cache/zypp, ' +
        'or keep it out of the layer with a BuildKit cache or tmpfs mount on /var/cache/zypp. ' +
        'Unlike hadolint, a plain `zypper clean` is not enough: by default it only deletes ' +
        'downloaded packages (which zypper already removes after installing) and keeps the ' +
        'metadata, so it needs `--all`. `update`, `patch` and `dist-upgrade` are checked too, and ' +
        'only stages that end up in an image are checked.',
      bad: 'FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0\n',
      good: 'FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0 && zypper clean --all\n',
    },
    messages: {
      leftInLayer:
        '`zypper {{verb}}` leaves its cache in the layer; add `&& zypper clean --all` to the same RUN, or use a cache mount on /var/cache/zypp',
    },
  },
  check(model, report) {
    for (const run of model.find('RUN')) {
      if (!shipsInImage(model, run) || hasCacheMount(run, '/var/cache/zypp')) continue;
      for (const command of run.shell.commands) {
        const verb = zypperInstallVerb(command);
        if (verb === null || isCleanedAfter(run, command)) continue;
        report({ messageId: 'leftInLayer', at: command, data: { verb } });
      }
    }
  },
});

const INSTALL_VERBS = [
  'install',
  'in',
  'update',
  'up',
  'patch',
  'dist-upgrade',
  'dup',
  'source-install',
  'si',
];

/** zypper options (global and per command) that take a separate value. */
const ZYPPER_OPTIONS_WITH_VALUE = [
  '-c',
  '--config',
  '-R',
  '--root',
  '-D',
  '--reposd-path',
  '-C',
  '--cache-dir',
  '--raw-cache-dir',
  '--solv-cache-dir',
  '--pkg-cache-dir',
  '-p',
  '--plus-repo',
  '--plus-content',
  '-r',
  '--repo',
  '--from',
  '-t',
  '--type',
  '--download',
];

function zypperInstallVerb(command: ShellCommand): string | null {
  if (!isCommand(command, 'zypper')) return null;
  const verb = operands(command.args, ZYPPER_OPTIONS_WITH_VALUE)[0]?.value;
  return verb !== undefined && INSTALL_VERBS.includes(verb) ? verb : null;
}

function isCleanedAfter(run: RunInstruction, install: ShellCommand): boolean {
  return run.shell.commands.some(
    (c) => c.index > install.index && (isZypperCleanAll(c) || removesZyppCache(c)),
  );
}

/** `zypper clean --all` / `zypper cc -a`: packages and metadata. */
function isZypperCleanAll(command: ShellCommand): boolean {
  const verb = operands(command.args, ZYPPER_OPTIONS_WITH_VALUE)[0]?.value;
  return (
    isCommand(command, 'zypper') &&
    (verb === 'clean' || verb === 'cc') &&
    command.args.some((a) => a.value === '--all' || /^-[A-Za-z]*a[A-Za-z]*$/.test(a.value))
  );
}

function removesZyppCache(command: ShellCommand): boolean {
  return (
    isCommand(command, 'rm') &&
    hasFlag(command, 'r', 'R', 'recursive') &&
    command.args.some((a) => a.value.startsWith('/var/cache/zypp'))
  );
}

/** Arguments that are neither options nor option values: `zypper -n in -r oss x` → `in`, `x`. */
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
