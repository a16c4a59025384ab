import type { RunInstruction, ShellCommand } from '../src/dockerfile/index.js';
import { commandsAfter, hasCacheMount, isCommand, shipsInImage } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';
import {
  pathStartingWith,
  removesRecursively,
  subcommands,
  verbAmong,
} from './helpers/commands.js';
import { YUM_OPTIONS_WITH_VALUE } from './helpers/package-managers.js';

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
      if (!shipsInImage(model, run) || hasCacheMount(run, ...CACHE_DIRS)) continue;
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

/** `install` for `yum install …`, `group install` for `yum group install …`; null if it installs nothing. */
function yumInstallVerb(command: ShellCommand): string | null {
  if (!isCommand(command, 'yum')) return null;
  return verbAmong(command, YUM_OPTIONS_WITH_VALUE, INSTALL_VERBS, {
    groups: ['group', 'groups'],
    groupVerbs: ['install'],
  });
}

/** `yum clean all` or `rm -rf /var/cache/yum` later in the RUN. */
function isCleanedAfter(run: RunInstruction, install: ShellCommand): boolean {
  return commandsAfter(run, install).some(
    (c) => isYumCleanAll(c) || removesRecursively(c, pathStartingWith(...CACHE_DIRS)),
  );
}

function isYumCleanAll(command: ShellCommand): boolean {
  const [verb, what] = subcommands(command, YUM_OPTIONS_WITH_VALUE);
  return isCommand(command, 'yum', 'dnf') && verb === 'clean' && what === 'all';
}
