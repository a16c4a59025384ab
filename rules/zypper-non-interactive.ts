import type { ShellCommand, ShellWord } from '../src/dockerfile/index.js';
import { isCommand } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';
import { operands } from './helpers/commands.js';
import { ZYPPER_OPTIONS_WITH_VALUE } from './helpers/package-managers.js';

export default defineRule({
  meta: {
    id: 'zypper-non-interactive',
    severity: 'warning',
    hadolint: 'DL3034',
    docs: {
      summary: '`zypper install` without `-n` / `-y` stops at a confirmation prompt.',
      rationale:
        'A build has no terminal: when zypper asks "Continue? [y/n/v/...? shows all options]" ' +
        'the build fails. Run `zypper --non-interactive …` (`-n`, before the command) or pass ' +
        '`-y` / `--no-confirm` to the command. Unlike hadolint, a `-n` after the command does ' +
        'not count: there it means `--name` (`zypper install -n curl`), and `update`, ' +
        '`dist-upgrade` and the other commands that ask are checked too.',
      bad: 'FROM opensuse/leap:15.6\nRUN zypper install curl=8.6.0 && zypper clean --all\n',
      good: 'FROM opensuse/leap:15.6\nRUN zypper --non-interactive install curl=8.6.0 && zypper clean --all\n',
    },
    messages: {
      interactive:
        '`zypper {{verb}}` stops at a confirmation prompt, which fails the build; use `zypper -n {{verb}}` or add `-y`',
    },
  },
  check(model, report) {
    for (const run of model.find('RUN')) {
      for (const command of run.shell.commands) {
        const verb = promptingVerb(command);
        if (verb === null || isNonInteractive(command, verb)) continue;
        report({ messageId: 'interactive', at: command, data: { verb: verb.value } });
      }
    }
  },
});

const PROMPTING_VERBS = [
  'install',
  'in',
  'remove',
  'rm',
  'source-install',
  'si',
  'patch',
  'update',
  'up',
  'dist-upgrade',
  'dup',
  'install-new-recommends',
  'inr',
];

function promptingVerb(command: ShellCommand): ShellWord | null {
  if (!isCommand(command, 'zypper')) return null;
  const verb = operands(command.args, ZYPPER_OPTIONS_WITH_VALUE)[0];
  return verb !== undefined && PROMPTING_VERBS.includes(verb.value) ? verb : null;
}

/** `--non-interactive` anywhere, `-n` before the command (after it, `-n` is `--name`), `-y`/`--no-confirm` after it. */
function isNonInteractive(command: ShellCommand, verb: ShellWord): boolean {
  const at = command.args.indexOf(verb);
  return command.args.some((a, i) => {
    const v = a.value;
    if (v === '--non-interactive') return true;
    if (i < at) return /^-[a-zA-Z]*n[a-zA-Z]*$/.test(v);
    return v === '--no-confirm' || /^-[a-zA-Z]*y[a-zA-Z]*$/.test(v);
  });
}
