import { isCommand } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';
import { subcommand } from './helpers/commands.js';
import { APT_OPTIONS_WITH_VALUE } from './helpers/package-managers.js';

export default defineRule({
  meta: {
    id: 'prefer-apt-get',
    severity: 'warning',
    hadolint: 'DL3027',
    docs: {
      summary: '`apt` is used in a RUN instead of `apt-get` / `apt-cache`.',
      rationale:
        '`apt` is the interactive front end: its output and options may change between releases ' +
        'and it warns "apt does not have a stable CLI interface. Use with caution in scripts." ' +
        'Scripts, Dockerfiles included, should use `apt-get` (install, update, remove…) or ' +
        '`apt-cache` (search, show, policy…), which take the same arguments.',
      bad: 'FROM debian:12\nRUN apt update && apt install -y --no-install-recommends curl=7.88.1-10+deb12u8\n',
      good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8\n',
    },
    messages: {
      useAptGet:
        '`apt` has no stable command-line interface for scripts; use `{{replacement}}` instead of `{{command}}`',
    },
  },
  check(model, report) {
    for (const run of model.find('RUN')) {
      for (const command of run.shell.commands.filter((c) => isCommand(c, 'apt'))) {
        const verb = subcommand(command, APT_OPTIONS_WITH_VALUE);
        report({
          messageId: 'useAptGet',
          at: command,
          data: {
            command: verb === undefined ? command.name : `${command.name} ${verb}`,
            replacement: replacementFor(verb),
          },
        });
      }
    }
  },
});

/** `apt` subcommands that belong to `apt-cache`; every other one is `apt-get`'s. */
const APT_CACHE_VERBS = ['search', 'show', 'showsrc', 'policy', 'depends', 'rdepends', 'pkgnames'];

function replacementFor(verb: string | undefined): string {
  if (verb === undefined) return 'apt-get';
  if (verb === 'list') return 'apt-cache policy';
  return APT_CACHE_VERBS.includes(verb) ? `apt-cache ${verb}` : `apt-get ${verb}`;
}
