import type {
  DockerfileModel,
  RunInstruction,
  ShellCommand,
  ShellWord,
} from '../src/dockerfile/index.js';
import { hasFlag, isCommand } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';

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
        if (hasCacheMountOn(run, cacheDirs) || isCleanedAfter(run, command, cacheDirs)) continue;
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

/** npm options that take a separate value. */
const NPM_OPTIONS_WITH_VALUE = [
  '--cache',
  '--registry',
  '--loglevel',
  '--prefix',
  '--userconfig',
  '--globalconfig',
  '-w',
  '--workspace',
  '--omit',
  '--include',
  '--tag',
  '--install-strategy',
  '--before',
  '--otp',
  '--location',
];

function npmInstallVerb(command: ShellCommand): string | null {
  if (!isCommand(command, 'npm')) return null;
  const verb = operands(command.args, NPM_OPTIONS_WITH_VALUE)[0]?.value;
  return verb !== undefined && INSTALL_VERBS.includes(verb) ? verb : null;
}

/** The directory given with `--cache <dir>` / `--cache=<dir>`, if any. */
function customCacheDir(command: ShellCommand): string[] {
  const args = command.args.map((a) => a.value);
  const i = args.indexOf('--cache');
  const value = i >= 0 ? args[i + 1] : args.find((a) => a.startsWith('--cache='))?.slice(8);
  return value ? [value.replace(/\/+$/, '')] : [];
}

function hasCacheMountOn(run: RunInstruction, dirs: readonly string[]): boolean {
  return run.mounts.some(
    (m) => (m.type === 'cache' || m.type === 'tmpfs') && dirs.some((d) => m.target.includes(d)),
  );
}

function isCleanedAfter(
  run: RunInstruction,
  install: ShellCommand,
  cacheDirs: readonly string[],
): boolean {
  return run.shell.commands.some(
    (c) => c.index > install.index && (isForcedCacheClean(c) || removesAny(c, cacheDirs)),
  );
}

/** `npm cache clean --force` (`clear` and `rm` are aliases); without `--force` npm 5+ refuses. */
function isForcedCacheClean(command: ShellCommand): boolean {
  const [verb, sub] = operands(command.args, NPM_OPTIONS_WITH_VALUE).map((w) => w.value);
  return (
    isCommand(command, 'npm') &&
    verb === 'cache' &&
    (sub === 'clean' || sub === 'clear' || sub === 'rm') &&
    hasFlag(command, 'force', 'f')
  );
}

function removesAny(command: ShellCommand, dirs: readonly string[]): boolean {
  return (
    isCommand(command, 'rm') &&
    hasFlag(command, 'r', 'R', 'recursive') &&
    command.args.some((a) => dirs.some((dir) => a.value.includes(dir)))
  );
}

/** Arguments that are neither options nor option values: `npm --prefix app ci` → `ci`. */
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
