import type { ShellCommand, ShellWord } from '../src/dockerfile/index.js';
import { isCommand } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';
import { operands } from './helpers/commands.js';
import { APT_OPTIONS_WITH_VALUE } from './helpers/package-managers.js';

export default defineRule({
  meta: {
    id: 'pin-apt-packages',
    severity: 'warning',
    hadolint: 'DL3008',
    docs: {
      summary: '`apt-get install` of a package without a version.',
      rationale:
        'Without a version, each build installs whatever the archive holds that day, so two builds ' +
        'of the same Dockerfile can differ and a rebuild can break. Pin `package=version` (a ' +
        'trailing `*` keeps security updates within a release: `curl=7.88.*`) or a release ' +
        '(`package/bookworm-backports`); local `.deb` files and paths are exempt. Packages given ' +
        'through a variable (`$PACKAGES`) are not checked, since their value is not known. Each ' +
        'unpinned package is reported. Unlike hadolint, `apt install` is checked too. Pinned ' +
        'Debian versions disappear from the archive when updated, so some teams turn this rule off.',
      bad: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n',
      good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8\n',
    },
    messages: {
      unpinned: '`{{package}}` is not pinned in `{{command}} install`; use `{{package}}=<version>`',
    },
  },
  check(model, report) {
    for (const run of model.find('RUN')) {
      for (const command of run.shell.commands) {
        for (const word of aptInstallPackages(command).filter(isUnpinned)) {
          report({
            messageId: 'unpinned',
            at: word,
            data: { package: word.value, command: command.name },
          });
        }
      }
    }
  },
});

/** The packages of `apt-get install …` / `apt install …`; none for other commands. */
function aptInstallPackages(command: ShellCommand): readonly ShellWord[] {
  if (!isCommand(command, 'apt-get', 'apt')) return [];
  const [verb, ...packages] = operands(command.args, APT_OPTIONS_WITH_VALUE);
  return verb?.value === 'install' ? packages : [];
}

/** `pkg=1.2`, `pkg/bookworm-backports`, `./local.deb` are pinned; `$PKGS` cannot be judged. */
function isUnpinned(word: ShellWord): boolean {
  const name = word.value;
  return !/[=/$`]/.test(name) && !name.endsWith('.deb');
}
