import type { RunInstruction, ShellCommand } from '../src/dockerfile/index.js';
import { commandsAfter, hasCacheMount, isCommand, shipsInImage } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';
import { pathStartingWith, removesRecursively, subcommand } from './helpers/commands.js';
import { ZYPPER_OPTIONS_WITH_VALUE } from './helpers/package-managers.js';

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

function zypperInstallVerb(command: ShellCommand): string | null {
  if (!isCommand(command, 'zypper')) return null;
  const verb = subcommand(command, ZYPPER_OPTIONS_WITH_VALUE);
  return verb !== undefined && INSTALL_VERBS.includes(verb) ? verb : null;
}

/** `zypper clean --all` or `rm -rf /var/cache/zypp` later in the RUN. */
function isCleanedAfter(run: RunInstruction, install: ShellCommand): boolean {
  return commandsAfter(run, install).some(
    (c) => isZypperCleanAll(c) || removesRecursively(c, pathStartingWith('/var/cache/zypp')),
  );
}

/** `zypper clean --all` / `zypper cc -a`: packages and metadata. */
function isZypperCleanAll(command: ShellCommand): boolean {
  const verb = subcommand(command, ZYPPER_OPTIONS_WITH_VALUE);
  return (
    isCommand(command, 'zypper') &&
    (verb === 'clean' || verb === 'cc') &&
    command.args.some((a) => a.value === '--all' || /^-[A-Za-z]*a[A-Za-z]*$/.test(a.value))
  );
}
