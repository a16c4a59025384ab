import type { ShellCommand, ShellWord } from '../src/dockerfile/index.js';
import { isCommand } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';
import { operands } from './helpers/commands.js';
import { NPM_OPTIONS_WITH_VALUE } from './helpers/package-managers.js';

export default defineRule({
  meta: {
    id: 'pin-npm-packages',
    severity: 'warning',
    hadolint: 'DL3016',
    docs: {
      summary: '`npm install <package>` without a version.',
      rationale:
        'Without a version, each build installs the newest release, so two builds of the same ' +
        'Dockerfile differ and a new major release can break one. Pin `package@version` (a range ' +
        'counts, as in hadolint), or a git URL to a tag or commit (`#v1.2.3`). A bare ' +
        '`npm install` / `npm ci` is fine: package.json and the lockfile pin the versions. Local ' +
        'folders, tarballs and tarball URLs are exempt, and packages given through a variable ' +
        'are not checked. Unlike hadolint, `@latest` is not a pin: it is what an unpinned ' +
        'install resolves to anyway.',
      bad: 'FROM node:20\nRUN npm install -g pm2\n',
      good: 'FROM node:20\nRUN npm install -g pm2@5.4.2\n',
    },
    messages: {
      unpinned: '`{{package}}` is not pinned in `{{command}}`; use `{{name}}@<version>`',
      unpinnedGit:
        '`{{package}}` does not pin a commit in `{{command}}`; add `#<tag or commit>` to the URL',
    },
  },
  check(model, report) {
    for (const run of model.find('RUN')) {
      for (const command of run.shell.commands) {
        const install = npmInstall(command);
        if (install === null) continue;
        for (const word of install.packages.filter(isUnpinned)) {
          report({
            messageId: isGitUrl(word.value) ? 'unpinnedGit' : 'unpinned',
            at: word,
            data: { package: word.value, name: nameOf(word.value), command: install.label },
          });
        }
      }
    }
  },
});

const INSTALL_VERBS = ['install', 'i', 'add', 'isntall', 'in', 'ins', 'inst', 'insta', 'instal'];

function npmInstall(
  command: ShellCommand,
): { readonly label: string; readonly packages: readonly ShellWord[] } | null {
  if (!isCommand(command, 'npm')) return null;
  const [verb, ...packages] = operands(command.args, NPM_OPTIONS_WITH_VALUE);
  if (verb === undefined || !INSTALL_VERBS.includes(verb.value)) return null;
  return { label: `${command.name} ${verb.value}`, packages };
}

/** A git URL, `github:user/repo`, or the `user/repo` shorthand. */
function isGitUrl(value: string): boolean {
  return (
    /^(?:git(?:\+[a-z]+)?:\/\/|git@|github:|gitlab:|bitbucket:|gist:)/.test(value) ||
    /^[\w-][\w.-]*\/[\w.-]+(?:#.*)?$/.test(value)
  );
}

function isUnpinned(word: ShellWord): boolean {
  const value = word.value;
  if (/[$`]/.test(value)) return false; // a variable: cannot judge
  if (/^(?:https?:|file:|link:)/.test(value) || /^[.~/]/.test(value)) return false; // URL, folder
  if (isGitUrl(value)) return !value.includes('#');
  if (/\.(?:tgz|tar|tar\.gz)$/.test(value)) return false;
  const at = value.indexOf('@', 1);
  return at === -1 || value.slice(at + 1) === '' || value.slice(at + 1) === 'latest';
}

/** `express@latest` → `express`, `@scope/pkg` → `@scope/pkg`. */
function nameOf(value: string): string {
  const at = value.indexOf('@', 1);
  return at === -1 ? value : value.slice(0, at);
}
