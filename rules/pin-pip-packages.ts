import type { ShellCommand, ShellWord } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';
import { operands } from './helpers/commands.js';
import { PIP_GENERAL_OPTIONS_WITH_VALUE, pipInvocation } from './helpers/package-managers.js';

export default defineRule({
  meta: {
    id: 'pin-pip-packages',
    severity: 'warning',
    hadolint: 'DL3013',
    docs: {
      summary: '`pip install` of a package without a version.',
      rationale:
        'Without a version specifier, each build installs the newest release on PyPI, so two ' +
        'builds of the same Dockerfile differ and a new major release can break one. Pin ' +
        '`package==version` (any specifier counts, as in hadolint: `>=`, `~=`, `<`, `!=`…), pin a ' +
        'VCS URL to a tag or commit (`git+https://…/repo.git@v1.2`), or install from a ' +
        'requirements file (`-r`). A constraints file (`-c`) makes the packages acceptable; ' +
        'local paths, archives, wheels and plain URLs are exempt, and packages given through a ' +
        'variable are not checked. `python -m pip` and `pipx install` are checked too; pipenv ' +
        'is not pip. Each unpinned package is reported.',
      bad: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir requests\n',
      good: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir requests==2.32.3\n',
    },
    messages: {
      unpinned: '`{{package}}` is not pinned in `{{command}}`; use `{{package}}==<version>`',
      unpinnedVcs:
        '`{{package}}` does not pin a revision in `{{command}}`; add `@<tag or commit>` to the repository URL',
    },
  },
  check(model, report) {
    for (const run of model.find('RUN')) {
      for (const command of run.shell.commands) {
        const install = pipInstall(command);
        if (install === null || hasConstraintsFile(install.args)) continue;
        for (const word of packagesOf(install.args).filter(isUnpinned)) {
          report({
            messageId: isVcsUrl(word.value) ? 'unpinnedVcs' : 'unpinned',
            at: word,
            data: { package: word.value, command: install.label },
          });
        }
      }
    }
  },
});

/** Options of pip (and pipx) install that take a separate value. */
const OPTIONS_WITH_VALUE = [
  ...PIP_GENERAL_OPTIONS_WITH_VALUE,
  '-r',
  '--requirement',
  '-c',
  '--constraint',
  '-e',
  '--editable',
  '-t',
  '--target',
  '--platform',
  '--python-version',
  '--implementation',
  '--abi',
  '--root',
  '--prefix',
  '-b',
  '--build',
  '--src',
  '--upgrade-strategy',
  '-C',
  '--config-settings',
  '--global-option',
  '--install-option',
  '-i',
  '--index-url',
  '--extra-index-url',
  '-f',
  '--find-links',
  '--no-binary',
  '--only-binary',
  '--progress-bar',
  '--root-user-action',
  '--report',
  '--keyring-provider',
  '--pip-args',
  '--suffix',
  '--spec',
  '--preinstall',
];

/** The arguments of `pip install …`, `python -m pip install …` or `pipx install …`, with a label. */
function pipInstall(
  command: ShellCommand,
): { readonly label: string; readonly args: readonly ShellWord[] } | null {
  const pip = pipInvocation(command, { orPipx: true });
  const verb = pip && operands(pip.args, OPTIONS_WITH_VALUE)[0];
  if (!pip || verb?.value !== 'install') return null;
  return { label: `${pip.label} install`, args: pip.args.filter((a) => a !== verb) };
}

function hasConstraintsFile(args: readonly ShellWord[]): boolean {
  return args.some(
    (a) => a.value === '-c' || a.value === '--constraint' || a.value.startsWith('--constraint='),
  );
}

/** The packages: operands, or the value of pipx's `--spec`, which replaces them. */
function packagesOf(args: readonly ShellWord[]): readonly ShellWord[] {
  const spec = args.findIndex((a) => a.value === '--spec');
  const specWord = spec >= 0 ? args[spec + 1] : undefined;
  return specWord ? [specWord] : operands(args, OPTIONS_WITH_VALUE);
}

function isVcsUrl(value: string): boolean {
  return /^(?:git|hg|svn|bzr)\+/.test(value) || /\s@\s*(?:git|hg|svn|bzr)\+/.test(value);
}

function isUnpinned(word: ShellWord): boolean {
  const value = word.value;
  if (/[$`]/.test(value)) return false; // a variable: cannot judge
  if (isVcsUrl(value)) return !pinsRevision(value);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || /\s@\s/.test(value)) return false; // archive URL
  if (/^[.~/]/.test(value) || /\.(?:whl|zip|tar|tgz|tar\.gz|tar\.bz2|tar\.xz)$/.test(value)) {
    return false; // local path or file
  }
  return !/[=<>!~]/.test(value);
}

/** `git+https://host/org/repo.git@v1.2#egg=x` names a revision after the path; a user@ in the host does not count. */
function pinsRevision(value: string): boolean {
  const url = value.slice(value.search(/(?:git|hg|svn|bzr)\+/)).split('#')[0] ?? '';
  const afterScheme = url.replace(/^[a-z+]+:\/\//i, '');
  const path = afterScheme.slice(afterScheme.indexOf('/') + 1);
  return afterScheme.includes('/') && path.includes('@');
}
