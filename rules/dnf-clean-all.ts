import type { RunInstruction, ShellCommand } from '../src/dockerfile/index.js';
import {
  commandName,
  commandsAfter,
  hasCacheMount,
  isCommand,
  shipsInImage,
} from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';
import {
  pathStartingWith,
  removesRecursively,
  subcommands,
  verbAmong,
} from './helpers/commands.js';
import { DNF_OPTIONS_WITH_VALUE } from './helpers/package-managers.js';

export default defineRule({
  meta: {
    id: 'dnf-clean-all',
    severity: 'warning',
    hadolint: 'DL3040',
    docs: {
      summary: '`dnf install` without `dnf clean all` afterwards leaves its cache in the layer.',
      rationale:
        'dnf and microdnf keep repository metadata and packages in their cache directory ' +
        '(/var/cache/dnf for dnf 4, /var/cache/libdnf5 for dnf 5, /var/cache/yum for microdnf), ' +
        'often a hundred megabytes, and a later RUN cannot shrink the layer. Run `dnf clean all` ' +
        '(`microdnf clean all`) after the last install in the same RUN, delete that cache ' +
        'directory, or keep it out of the layer with a BuildKit cache or tmpfs mount on it. ' +
        'dnf and microdnf are tracked separately. Unlike hadolint, only removing the tool\u2019s ' +
        'own cache directory counts: `dnf install … && rm -rf /var/cache/yum/*` leaves ' +
        '/var/cache/dnf in the layer, and neither does an unrelated `rm -rf`. `update`, ' +
        '`distro-sync`, `downgrade` and group/module installs are checked too, and only stages ' +
        'that end up in an image are checked.',
      bad: 'FROM fedora:40\nRUN dnf install -y httpd-2.4.62\n',
      good: 'FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n',
    },
    messages: {
      leftInLayer:
        '`{{command}} {{verb}}` leaves its cache in the layer; add `&& {{command}} clean all` to the same RUN, or use a cache mount on {{cacheDir}}',
    },
  },
  check(model, report) {
    for (const run of model.find('RUN')) {
      if (!shipsInImage(model, run)) continue;
      for (const command of run.shell.commands) {
        const verb = dnfInstallVerb(command);
        if (verb === null) continue;
        const tool = commandName(command);
        const cacheDirs = CACHE_DIRS[tool] ?? [];
        if (hasCacheMount(run, ...cacheDirs) || isCleanedAfter(run, command)) continue;
        report({
          messageId: 'leftInLayer',
          at: command,
          data: { command: tool, verb, cacheDir: cacheDirs[0] ?? '' },
        });
      }
    }
  },
});

/** Each tool's cache directories, the usual one first. */
const CACHE_DIRS: Readonly<Record<string, readonly string[]>> = {
  dnf: ['/var/cache/dnf', '/var/cache/libdnf5'],
  dnf5: ['/var/cache/libdnf5'],
  microdnf: ['/var/cache/yum', '/var/cache/dnf', '/var/cache/libdnf5'],
};

const INSTALL_VERBS = [
  'install',
  'in',
  'upgrade',
  'up',
  'update',
  'upgrade-minimal',
  'up-min',
  'reinstall',
  'rei',
  'downgrade',
  'distro-sync',
  'groupinstall',
  'localinstall',
];

/** `install` for `dnf install …`, `module install` for `dnf module install …`; null otherwise. */
function dnfInstallVerb(command: ShellCommand): string | null {
  if (!(commandName(command) in CACHE_DIRS)) return null;
  return verbAmong(command, DNF_OPTIONS_WITH_VALUE, INSTALL_VERBS, {
    groups: ['group', 'groups', 'module'],
    groupVerbs: ['install'],
  });
}

/** `<tool> clean all` or `rm -rf <cache dir>` later in the RUN. */
function isCleanedAfter(run: RunInstruction, install: ShellCommand): boolean {
  const tool = commandName(install);
  const isCacheDir = pathStartingWith(...(CACHE_DIRS[tool] ?? []));
  return commandsAfter(run, install).some(
    (c) => isCleanAll(c, tool) || removesRecursively(c, isCacheDir),
  );
}

function isCleanAll(command: ShellCommand, tool: string): boolean {
  const [verb, what] = subcommands(command, DNF_OPTIONS_WITH_VALUE);
  return isCommand(command, tool) && verb === 'clean' && what === 'all';
}
