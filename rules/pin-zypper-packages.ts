import type { ShellCommand, ShellWord } from '../src/dockerfile/index.js';
import { isCommand } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';
import { operands } from './helpers/commands.js';
import { ZYPPER_OPTIONS_WITH_VALUE } from './helpers/package-managers.js';

export default defineRule({
  meta: {
    id: 'pin-zypper-packages',
    severity: 'warning',
    hadolint: 'DL3037',
    docs: {
      summary: '`zypper install` of a package without a version.',
      rationale:
        'Without a version, each build installs whatever the repositories hold that day, so two ' +
        'builds of the same Dockerfile can differ. Pin `package=version` (or a comparison such as ' +
        "`'package>=version'`). Local or remote `.rpm` files, patterns, patches and products " +
        '(`-t pattern`, `pattern:…`) and packages given through a variable are exempt. Each ' +
        'unpinned package is reported.',
      bad: 'FROM opensuse/leap:15.6\nRUN zypper install -y curl && zypper clean --all\n',
      good: 'FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0 && zypper clean --all\n',
    },
    messages: {
      unpinned: '`{{package}}` is not pinned in `zypper {{verb}}`; use `{{package}}=<version>`',
    },
  },
  check(model, report) {
    for (const run of model.find('RUN')) {
      for (const command of run.shell.commands) {
        const install = zypperInstall(command);
        if (install === null) continue;
        for (const word of install.packages.filter(isUnpinned)) {
          report({
            messageId: 'unpinned',
            at: word,
            data: { package: word.value, verb: install.verb },
          });
        }
      }
    }
  },
});

function zypperInstall(
  command: ShellCommand,
): { readonly verb: string; readonly packages: readonly ShellWord[] } | null {
  if (!isCommand(command, 'zypper') || installsNonPackages(command)) return null;
  const [verb, ...packages] = operands(command.args, ZYPPER_OPTIONS_WITH_VALUE);
  return verb?.value === 'install' || verb?.value === 'in' ? { verb: verb.value, packages } : null;
}

/** `-t pattern|patch|product|srcpackage`: not packages, no versions to pin. */
function installsNonPackages(command: ShellCommand): boolean {
  return command.args.some(
    (a, i) =>
      /^--type=(?!package$)/.test(a.value) ||
      ((a.value === '-t' || a.value === '--type') &&
        command.args[i + 1] !== undefined &&
        command.args[i + 1]?.value !== 'package'),
  );
}

/** `curl=8.6`, `'curl>=8'`, `.rpm` files, `pattern:…` and `$PKGS` are not unpinned packages. */
function isUnpinned(word: ShellWord): boolean {
  const value = word.value;
  if (/[=<>$`]/.test(value) || value.endsWith('.rpm') || value.includes('://')) return false;
  return !/^(?:pattern|patch|product|srcpackage|application):/.test(value);
}
