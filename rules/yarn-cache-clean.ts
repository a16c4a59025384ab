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
      if (!shipsInImage(model, run) || CACHE_DIRS.some((dir) => hasCacheMount(run, dir))) continue;
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
  const [verb, sub] = operands(command.args, YARN_OPTIONS_WITH_VALUE).map((w) => w.value);
  if (verb === undefined) return command.name;
  if (verb === 'install' || verb === 'add') return `${command.name} ${verb}`;
  if (verb === 'global' && sub === 'add') return `${command.name} global add`;
  return null;
}

function isCleanedAfter(run: RunInstruction, install: ShellCommand): boolean {
  return run.shell.commands.some(
    (c) => c.index > install.index && (isYarnCacheClean(c) || removesCache(c)),
  );
}

function isYarnCacheClean(command: ShellCommand): boolean {
  const [verb, sub] = operands(command.args, YARN_OPTIONS_WITH_VALUE).map((w) => w.value);
  return isCommand(command, 'yarn') && verb === 'cache' && sub === 'clean';
}

function removesCache(command: ShellCommand): boolean {
  return (
    isCommand(command, 'rm') &&
    hasFlag(command, 'r', 'R', 'recursive') &&
    command.args.some((a) => CACHE_DIRS.some((dir) => a.value.includes(dir)))
  );
}

/** Arguments that are neither options nor option values: `yarn --cwd app add x` → `add`, `x`. */
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
