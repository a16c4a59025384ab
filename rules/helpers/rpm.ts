/** What pin-dnf-packages and pin-yum-packages share: reading `install` and judging rpm specs. */
import type { DockerfileModel, ShellCommand, ShellWord } from '../../src/dockerfile/index.js';
import { commandName } from '../../src/dockerfile/index.js';
import type { Report } from '../../src/lint/rule.js';
import { operands } from './commands.js';
import { DNF_OPTIONS_WITH_VALUE } from './package-managers.js';

export const UNPINNED_RPM_MESSAGES = {
  unpinned: '`{{package}}` is not pinned in `{{command}} install`; use `{{package}}-<version>`',
  unpinnedModule:
    '`{{package}}` does not name a stream in `{{command}} module install`; use `{{package}}:<stream>`',
} as const;

type UnpinnedRpmMessage = keyof typeof UNPINNED_RPM_MESSAGES;

/**
 * The check of a pin rule for rpm tools: every package that `install` (or `module install`)
 * names without a version (or stream) is reported.
 */
export function checkRpmPins(tools: {
  readonly names: readonly string[];
  readonly installVerbs: readonly string[];
}): (model: DockerfileModel, report: Report<UnpinnedRpmMessage>) => void {
  return (model, report) => {
    for (const run of model.find('RUN')) {
      for (const command of run.shell.commands) {
        if (!tools.names.includes(commandName(command))) continue;
        const install = installedSpecs(command, tools.installVerbs);
        if (install === null) continue;
        const isUnpinned = install.isModule ? isUnpinnedModule : isUnpinnedPackage;
        for (const word of install.specs.filter(isUnpinned)) {
          report({
            messageId: install.isModule ? 'unpinnedModule' : 'unpinned',
            at: word,
            data: { package: word.value, command: command.name },
          });
        }
      }
    }
  };
}

/** What `install` (or `module install`) names, or null when the command installs nothing. */
function installedSpecs(
  command: ShellCommand,
  installVerbs: readonly string[],
): { readonly specs: readonly ShellWord[]; readonly isModule: boolean } | null {
  const [verb, ...rest] = operands(command.args, DNF_OPTIONS_WITH_VALUE);
  if (verb !== undefined && installVerbs.includes(verb.value)) {
    return { specs: rest, isModule: false };
  }
  if (verb?.value === 'module' && rest[0] !== undefined && installVerbs.includes(rest[0].value)) {
    return { specs: rest.slice(1), isModule: true };
  }
  return null;
}

/** Files, URLs, groups and variables are not package names to pin. */
function isExempt(value: string): boolean {
  return (
    /^[@./]/.test(value) || /[$`]/.test(value) || value.endsWith('.rpm') || value.includes('://')
  );
}

/** `httpd-2.4.6`, `httpd-2.4.6-99.el7.x86_64` and `'httpd >= 2.4'` name a version; `python3-pip` does not. */
function isUnpinnedPackage(word: ShellWord): boolean {
  const value = word.value;
  if (isExempt(value) || /[<>=]/.test(value)) return false;
  const dash = value.lastIndexOf('-');
  return dash === -1 || !/^\d/.test(value.slice(dash + 1));
}

function isUnpinnedModule(word: ShellWord): boolean {
  return !isExempt(word.value) && !word.value.includes(':');
}
