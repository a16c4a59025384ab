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
    id: 'apk-no-cache',
    severity: 'info',
    hadolint: 'DL3019',
    docs: {
      summary: '`apk add` without `--no-cache` leaves the package index in the layer.',
      rationale:
        'Without `--no-cache`, `apk add` stores the APKINDEX files it fetched in /var/cache/apk, ' +
        'and they stay in the layer. `apk add --no-cache` fetches the index into a temporary place ' +
        'and needs no `apk update` first. A BuildKit cache or tmpfs mount on /var/cache/apk keeps ' +
        'the index out of the layer too. Unlike hadolint, deleting /var/cache/apk/* later in the ' +
        'same RUN also counts (that is exactly what `--no-cache` saves you from), and only the ' +
        'stages that end up in an image are checked: the last stage, stages a later FROM builds ' +
        'on, and ONBUILD triggers.',
      bad: 'FROM alpine:3.20\nRUN apk add curl=8.9.1-r0\n',
      good: 'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\n',
    },
    messages: {
      keepsIndex:
        '`apk add` keeps the package index in /var/cache/apk; use `apk add --no-cache`, or a cache mount on /var/cache/apk',
    },
  },
  check(model, report) {
    for (const run of model.find('RUN')) {
      if (!shipsInImage(model, run) || hasCacheMount(run, '/var/cache/apk')) continue;
      for (const add of run.shell.commands.filter(isApkAdd)) {
        if (hasFlag(add, 'no-cache') || removesApkCacheAfter(run, add)) continue;
        report({ messageId: 'keepsIndex', at: add });
      }
    }
  },
});

/** apk options that take a separate value (`-X <repo>`, `--virtual <name>`). */
const APK_OPTIONS_WITH_VALUE = [
  '-X',
  '--repository',
  '-t',
  '--virtual',
  '-p',
  '--root',
  '--keys-dir',
  '--repositories-file',
  '--cache-dir',
  '--cache-max-age',
  '--arch',
  '--timeout',
];

function isApkAdd(command: ShellCommand): boolean {
  return (
    isCommand(command, 'apk') && operands(command.args, APK_OPTIONS_WITH_VALUE)[0]?.value === 'add'
  );
}

function removesApkCacheAfter(run: RunInstruction, add: ShellCommand): boolean {
  return run.shell.commands.some(
    (c) =>
      c.index > add.index &&
      isCommand(c, 'rm') &&
      c.args.some((a) => a.value.startsWith('/var/cache/apk')),
  );
}

/** Arguments that are neither options nor option values: `apk -X url add x` → `add`, `x`. */
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
