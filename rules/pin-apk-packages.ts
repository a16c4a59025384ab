import type { ShellCommand, ShellWord } from '../src/dockerfile/index.js';
import { isCommand } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';
import { operands } from './helpers/commands.js';
import { APK_OPTIONS_WITH_VALUE } from './helpers/package-managers.js';

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

function apkAddPackages(command: ShellCommand): readonly ShellWord[] {
  if (!isCommand(command, 'apk')) return [];
  const [verb, ...packages] = operands(command.args, APK_OPTIONS_WITH_VALUE);
  return verb?.value === 'add' ? packages : [];
}

/** `curl=8.9`, `git~2.45`, `git=~2.45`, `a>1`, a local `.apk` are pinned; `$PKGS` cannot be judged. */
function isUnpinned(word: ShellWord): boolean {
  return !/[=~<>$`]/.test(word.value) && !word.value.endsWith('.apk');
}
