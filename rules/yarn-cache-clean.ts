import type { RunInstruction, ShellCommand } from '../src/dockerfile/index.js';
import { commandsAfter, hasCacheMount, isCommand, shipsInImage } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';
import { pathContaining, removesRecursively, subcommands } from './helpers/commands.js';

export default defineRule({
  meta: {
    id: 'yarn-cache-clean',
    severity: 'info',
    hadolint: 'DL3060',
    docs: {
      summary:
        '`yarn install` without `yarn cache clean` afterwards leaves the yarn cache in the layer.',
      rationale:
        'yarn copies every package it fetches into its global cache (~/.cache/yarn for yarn 1, ' +
        '~/.yarn/berry/cache for yarn 2+), a second copy of node_modules that the image never ' +
        'uses. Run `yarn cache clean` after the install in the same RUN, delete the cache ' +
        'directory, or keep it out of the layer with a BuildKit cache or tmpfs mount on it. As in ' +
        'hadolint, only the stages that end up in an image are checked (the last stage, stages a ' +
        'later FROM builds on, and ONBUILD triggers). Unlike hadolint, a bare `yarn` (which ' +
        'installs), `yarn add` and `yarn global add` are checked too.',
      bad: 'FROM node:20\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile\n',
      good: 'FROM node:20\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile && yarn cache clean\n',
    },
    messages: {
      leftInLayer:
        '`{{command}}` leaves the yarn cache in the layer; add `&& yarn cache clean` to the same RUN, or use a cache mount on /usr/local/share/.cache/yarn',
    },
  },
  check(model, report) {
    for (const run of model.find('RUN')) {
      if (!shipsInImage(model, run) || hasCacheMount(run, ...CACHE_DIRS)) continue;
      for (const command of run.shell.commands) {
        const install = yarnInstall(command);
        if (install === null || isCleanedAfter(run, command)) continue;
        report({ messageId: 'leftInLayer', at: command, data: { command: install } });
      }
    }
  },
});

/** Path fragments of yarn 1 and yarn 2+ global caches. */
const CACHE_DIRS = ['.cache/yarn', '.yarn/berry/cache'];

/** yarn options that take a separate value. */
const YARN_OPTIONS_WITH_VALUE = [
  '--cwd',
  '--cache-folder',
  '--modules-folder',
  '--global-folder',
  '--mutex',
  '--network-concurrency',
  '--network-timeout',
  '--registry',
  '--use-yarnrc',
  '--link-folder',
];

/** `yarn install` / `yarn add` / `yarn global add` / bare `yarn`, as a label; null otherwise. */
function yarnInstall(command: ShellCommand): string | null {
  if (!isCommand(command, 'yarn')) return null;
  const [verb, sub] = subcommands(command, YARN_OPTIONS_WITH_VALUE);
  if (verb === undefined) return command.name;
  if (verb === 'install' || verb === 'add') return `${command.name} ${verb}`;
  if (verb === 'global' && sub === 'add') return `${command.name} global add`;
  return null;
}

/** `yarn cache clean` or `rm -rf <cache dir>` later in the RUN. */
function isCleanedAfter(run: RunInstruction, install: ShellCommand): boolean {
  return commandsAfter(run, install).some(
    (c) => isYarnCacheClean(c) || removesRecursively(c, pathContaining(...CACHE_DIRS)),
  );
}

function isYarnCacheClean(command: ShellCommand): boolean {
  const [verb, sub] = subcommands(command, YARN_OPTIONS_WITH_VALUE);
  return isCommand(command, 'yarn') && verb === 'cache' && sub === 'clean';
}
