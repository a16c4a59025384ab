import type { ShellCommand, ShellWord } from '../src/dockerfile/index.js';
import { isCommand } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';

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
      for (const command of run.shell.commands.filter(isAptInstall)) {
        for (const word of packagesOf(command).filter(isUnpinned)) {
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

/** apt-get options that take a separate value (`-t bookworm-backports`, `-o Key=value`). */
const APT_OPTIONS_WITH_VALUE = [
  '-o',
  '--option',
  '-c',
  '--config-file',
  '-t',
  '--target-release',
  '--default-release',
  '-a',
  '--host-architecture',
];

function isAptInstall(command: ShellCommand): boolean {
  return (
    isCommand(command, 'apt-get', 'apt') &&
    operands(command.args, APT_OPTIONS_WITH_VALUE)[0]?.value === 'install'
  );
}

function packagesOf(command: ShellCommand): ShellWord[] {
  return operands(command.args, APT_OPTIONS_WITH_VALUE).slice(1);
}

/** `pkg=1.2`, `pkg/bookworm-backports`, `./local.deb` are pinned; `$PKGS` cannot be judged. */
function isUnpinned(word: ShellWord): boolean {
  const name = word.value;
  return !/[=/$`]/.test(name) && !name.endsWith('.deb');
}

/** Arguments that are neither options nor option values: `apt-get -t x install y` → `install`, `y`. */
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
