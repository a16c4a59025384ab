import type { RunInstruction, ShellCommand } from '../src/dockerfile/index.js';
import {
  commandsAfter,
  hasCacheMount,
  hasFlag,
  isCommand,
  shipsInImage,
} from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';
import { pathContaining, removesRecursively, subcommands } from './helpers/commands.js';
import { NPM_OPTIONS_WITH_VALUE } from './helpers/package-managers.js';

export default defineRule({
  meta: {
    id: 'npm-cache-cleanup',
    severity: 'info',
    hadolint: null,
    docs: {
      summary:
        '`npm install` / `npm ci` without `npm cache clean --force` leaves the npm cache in the layer.',
      rationale:
        'npm stores every tarball it fetches in its cache (~/.npm/_cacache), a second, compressed ' +
        'copy of node_modules that the image never uses. Run `npm cache clean --force` after the ' +
        'install in the same RUN (npm 5 and later refuse `npm cache clean` without `--force`), ' +
        'delete the cache directory, or keep it out of the layer with a BuildKit cache or tmpfs ' +
        'mount on ~/.npm (or on the directory given with `--cache`). Like the other cache rules, ' +
        'only the stages that end up in an image are checked. hadolint has no such rule.',
      bad: 'FROM node:20\nCOPY package*.json ./\nRUN npm ci --omit=dev\n',
      good: 'FROM node:20\nCOPY package*.json ./\nRUN npm ci --omit=dev && npm cache clean --force\n',
    },
    messages: {
      leftInLayer:
        '`{{command}}` leaves the npm cache (~/.npm) in the layer; add `&& npm cache clean --force` to the same RUN, or use a cache mount on /root/.npm',
    },
  },
  check(model, report) {
    for (const run of model.find('RUN')) {
      if (!shipsInImage(model, run)) continue;
      for (const command of run.shell.commands) {
        const verb = npmInstallVerb(command);
        if (verb === null) continue;
        const cacheDirs = [...DEFAULT_CACHE_DIRS, ...customCacheDir(command)];
        if (hasCacheMount(run, ...cacheDirs) || isCleanedAfter(run, command, cacheDirs)) continue;
        report({ messageId: 'leftInLayer', at: command, data: { command: `npm ${verb}` } });
      }
    }
  },
});

/** Fragments of npm's default cache path (`/root/.npm`, `/home/node/.npm`, `~/.npm`). */
const DEFAULT_CACHE_DIRS = ['/.npm', '~/.npm'];

/** npm commands that fetch packages (with their aliases). */
const INSTALL_VERBS = [
  'install',
  'i',
  'add',
  'ci',
  'clean-install',
  'ic',
  'install-clean',
  'install-test',
  'it',
  'install-ci-test',
  'cit',
  'update',
  'up',
  'upgrade',
];

function npmInstallVerb(command: ShellCommand): string | null {
  if (!isCommand(command, 'npm')) return null;
  const [verb] = subcommands(command, NPM_OPTIONS_WITH_VALUE);
  return verb !== undefined && INSTALL_VERBS.includes(verb) ? verb : null;
}

/** The directory given with `--cache <dir>` / `--cache=<dir>`, if any. */
function customCacheDir(command: ShellCommand): string[] {
  const args = command.args.map((a) => a.value);
  const i = args.indexOf('--cache');
  const value = i >= 0 ? args[i + 1] : args.find((a) => a.startsWith('--cache='))?.slice(8);
  return value ? [value.replace(/\/+$/, '')] : [];
}

/** `npm cache clean --force` or `rm -rf <cache dir>` later in the RUN. */
function isCleanedAfter(
  run: RunInstruction,
  install: ShellCommand,
  cacheDirs: readonly string[],
): boolean {
  return commandsAfter(run, install).some(
    (c) => isForcedCacheClean(c) || removesRecursively(c, pathContaining(...cacheDirs)),
  );
}

/** `npm cache clean --force` (`clear` and `rm` are aliases); without `--force` npm 5+ refuses. */
function isForcedCacheClean(command: ShellCommand): boolean {
  const [verb, sub] = subcommands(command, NPM_OPTIONS_WITH_VALUE);
  return (
    isCommand(command, 'npm') &&
    verb === 'cache' &&
    (sub === 'clean' || sub === 'clear' || sub === 'rm') &&
    hasFlag(command, 'force', 'f')
  );
}
