import type { ShellCommand, ShellWord } from '../src/dockerfile/index.js';
import { isCommand } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'pin-apk-packages',
    severity: 'warning',
    hadolint: 'DL3018',
    docs: {
      summary: '`apk add` of a package without a version.',
      rationale:
        'Without a version, each build installs whatever the Alpine repository holds that day, ' +
        'so two builds of the same Dockerfile can differ. Pin `package=version`, or a fuzzy ' +
        '`package~version` / `package=~version` that keeps patch releases. Local `.apk` files, ' +
        'the name given to `--virtual`, repository URLs and packages given through a variable ' +
        'are not packages to pin. Each unpinned package is reported.',
      bad: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
      good: 'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\n',
    },
    messages: {
      unpinned: '`{{package}}` is not pinned in `apk add`; use `{{package}}=<version>`',
    },
  },
  check(model, report) {
    for (const run of model.find('RUN')) {
      for (const command of run.shell.commands) {
        for (const word of apkAddPackages(command).filter(isUnpinned)) {
          report({ messageId: 'unpinned', at: word, data: { package: word.value } });
        }
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

function apkAddPackages(command: ShellCommand): readonly ShellWord[] {
  if (!isCommand(command, 'apk')) return [];
  const [verb, ...packages] = operands(command.args, APK_OPTIONS_WITH_VALUE);
  return verb?.value === 'add' ? packages : [];
}

/** `curl=8.9`, `git~2.45`, `git=~2.45`, `a>1`, a local `.apk` are pinned; `$PKGS` cannot be judged. */
function isUnpinned(word: ShellWord): boolean {
  return !/[=~<>$`]/.test(word.value) && !word.value.endsWith('.apk');
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
