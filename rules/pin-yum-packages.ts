import type { ShellCommand, ShellWord } from '../src/dockerfile/index.js';
import { commandName } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'pin-yum-packages',
    severity: 'warning',
    hadolint: 'DL3033',
    docs: {
      summary: '`yum install` of a package without a version.',
      rationale:
        'Without a version, each build installs whatever the repositories hold that day, so two ' +
        'builds of the same Dockerfile can differ. Pin `package-version` (`httpd-2.4.6` or the ' +
        'full `httpd-2.4.6-99.el7`), and name the stream of a module ' +
        '(`yum module install nodejs:20`). Local or remote `.rpm` files, groups (`@…`) and ' +
        'packages given through a variable are exempt. Unlike hadolint, which accepts any dash, ' +
        'a dash inside the name is not a version: `python3-pip` and `java-17-openjdk` are ' +
        'unpinned; the part after the last dash must start with a digit. Each unpinned package ' +
        'is reported.',
      bad: 'FROM centos:7\nRUN yum install -y httpd && yum clean all\n',
      good: 'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n',
    },
    messages: {
      unpinned: '`{{package}}` is not pinned in `{{command}} install`; use `{{package}}-<version>`',
      unpinnedModule:
        '`{{package}}` does not name a stream in `{{command}} module install`; use `{{package}}:<stream>`',
    },
  },
  check(model, report) {
    for (const run of model.find('RUN')) {
      for (const command of run.shell.commands) {
        const install = installedSpecs(command);
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
  },
});

const TOOLS = ['yum'];

const INSTALL_VERBS = ['install'];

/** Options that take a separate value. */
const OPTIONS_WITH_VALUE = [
  '-c',
  '--config',
  '-x',
  '--exclude',
  '-d',
  '--debuglevel',
  '-e',
  '--errorlevel',
  '--installroot',
  '--releasever',
  '--enablerepo',
  '--disablerepo',
  '--repo',
  '--repoid',
  '--repofrompath',
  '--setopt',
  '--downloaddir',
  '--destdir',
  '--color',
  '--rpmverbosity',
  '--forcearch',
  '--comment',
];

/** What `install` (or `module install`) names, or null when the command installs nothing. */
function installedSpecs(
  command: ShellCommand,
): { readonly specs: readonly ShellWord[]; readonly isModule: boolean } | null {
  if (!TOOLS.includes(commandName(command))) return null;
  const [verb, ...rest] = operands(command.args, OPTIONS_WITH_VALUE);
  if (verb !== undefined && INSTALL_VERBS.includes(verb.value)) {
    return { specs: rest, isModule: false };
  }
  if (verb?.value === 'module' && rest[0] !== undefined && INSTALL_VERBS.includes(rest[0].value)) {
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

/** Arguments that are neither options nor option values: `yum -c f.conf install x` → `install`, `x`. */
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
