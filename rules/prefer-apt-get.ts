import type { ShellWord } from '../src/dockerfile/index.js';
import { isCommand } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';

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
        const verb = operands(command.args, APT_OPTIONS_WITH_VALUE)[0]?.value;
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

/** apt options that take a separate value. */
const APT_OPTIONS_WITH_VALUE = ['-o', '--option', '-c', '--config-file', '-t', '--target-release'];

function replacementFor(verb: string | undefined): string {
  if (verb === undefined) return 'apt-get';
  if (verb === 'list') return 'apt-cache policy';
  return APT_CACHE_VERBS.includes(verb) ? `apt-cache ${verb}` : `apt-get ${verb}`;
}

/** Arguments that are neither options nor option values: `apt -o X=y install z` → `install`, `z`. */
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
