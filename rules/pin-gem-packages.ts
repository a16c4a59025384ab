import type { ShellCommand, ShellWord } from '../src/dockerfile/index.js';
import { isCommand } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';
import { operands } from './helpers/commands.js';

export default defineRule({
  meta: {
    id: 'pin-gem-packages',
    severity: 'warning',
    hadolint: 'DL3028',
    docs: {
      summary: '`gem install` of a gem without a version.',
      rationale:
        'Without a version, each build installs the newest release from rubygems.org, so two ' +
        'builds of the same Dockerfile differ and a new major release can break one. Pin ' +
        '`gem:version` or pass `-v <version>` (`--version`). Local `.gem` files, build arguments ' +
        'after `--` and gems given through a variable are not checked. Each unpinned gem is ' +
        'reported.',
      bad: 'FROM ruby:3.3\nRUN gem install bundler\n',
      good: 'FROM ruby:3.3\nRUN gem install bundler:2.5.18\n',
    },
    messages: {
      unpinned:
        '`{{package}}` is not pinned in `gem install`; use `{{package}}:<version>` or `-v <version>`',
    },
  },
  check(model, report) {
    for (const run of model.find('RUN')) {
      for (const command of run.shell.commands) {
        const gems = gemInstallGems(command);
        if (gems.length === 0 || hasVersionOption(command)) continue;
        for (const word of gems.filter(isUnpinned)) {
          report({ messageId: 'unpinned', at: word, data: { package: word.value } });
        }
      }
    }
  },
});

/** gem install options that take a separate value. */
const GEM_OPTIONS_WITH_VALUE = [
  '-v',
  '--version',
  '-i',
  '--install-dir',
  '-n',
  '--bindir',
  '--document',
  '--build-root',
  '-s',
  '--source',
  '-p',
  '--http-proxy',
  '--platform',
  '-P',
  '--trust-policy',
  '-g',
  '--file',
  '--without',
  '--config-file',
];

/** The gems of `gem install` / `gem i`; arguments after `--` are build options, not gems. */
function gemInstallGems(command: ShellCommand): readonly ShellWord[] {
  if (!isCommand(command, 'gem')) return [];
  const end = command.args.findIndex((a) => a.value === '--');
  const args = end === -1 ? command.args : command.args.slice(0, end);
  const [verb, ...gems] = operands(args, GEM_OPTIONS_WITH_VALUE);
  return verb?.value === 'install' || verb?.value === 'i' ? gems : [];
}

function hasVersionOption(command: ShellCommand): boolean {
  return command.args.some(
    (a) => a.value === '-v' || a.value === '--version' || a.value.startsWith('--version='),
  );
}

/** `rails:7.1.3` and a local `.gem` are pinned; `$GEMS` cannot be judged. */
function isUnpinned(word: ShellWord): boolean {
  return !/[:$`]/.test(word.value) && !word.value.endsWith('.gem');
}
