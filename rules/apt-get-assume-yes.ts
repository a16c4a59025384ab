import type { ShellCommand } from '../src/dockerfile/index.js';
import { hasFlag, isCommand } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';
import { subcommand } from './helpers/commands.js';
import { APT_OPTIONS_WITH_VALUE, seesSetting } from './helpers/package-managers.js';

export default defineRule({
  meta: {
    id: 'apt-get-assume-yes',
    severity: 'warning',
    hadolint: 'DL3014',
    docs: {
      summary: '`apt-get install` without `-y` stops at a confirmation prompt.',
      rationale:
        'A build has no terminal: when `apt-get install` asks "Do you want to continue?" it reads ' +
        'end-of-file and aborts, so the build fails as soon as a package pulls in a dependency. ' +
        'Pass `-y` (`--yes`, `--assume-yes`); `-qq` (`-q=2`) implies it, as does ' +
        '`-o APT::Get::Assume-Yes=true` or that setting written to apt.conf earlier in the stage. ' +
        '`DEBIAN_FRONTEND=noninteractive` does not answer this prompt. Unlike hadolint, the other ' +
        'commands that prompt (`upgrade`, `dist-upgrade`, `remove`, `purge`, `autoremove`, ' +
        '`build-dep`) and `apt` are checked too.',
      bad: 'FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends curl=7.88.1-10+deb12u8\n',
      good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8\n',
    },
    messages: {
      missingYes:
        '`{{command}} {{verb}}` stops at a confirmation prompt, which fails the build; add `-y`',
    },
  },
  check(model, report) {
    for (const run of model.find('RUN')) {
      if (seesSetting(model, run, ASSUME_YES_SETTING)) continue;
      for (const command of run.shell.commands) {
        const verb = promptingVerb(command);
        if (verb === null || assumesYes(command)) continue;
        report({ messageId: 'missingYes', at: command, data: { command: command.name, verb } });
      }
    }
  },
});

/** apt-get commands that ask before changing the system. */
const PROMPTING_VERBS = [
  'install',
  'upgrade',
  'dist-upgrade',
  'full-upgrade',
  'remove',
  'purge',
  'autoremove',
  'autopurge',
  'build-dep',
  'reinstall',
];

/** `APT::Get::Assume-Yes=true` (`-o`) or `APT::Get::Assume-Yes "true";` (apt.conf). */
const ASSUME_YES_SETTING = /APT::Get::Assume-Yes\s*=?\s*\\?["']?\s*(?:true|yes|1)\b/i;

function promptingVerb(command: ShellCommand): string | null {
  if (!isCommand(command, 'apt-get', 'apt')) return null;
  const verb = subcommand(command, APT_OPTIONS_WITH_VALUE);
  return verb !== undefined && PROMPTING_VERBS.includes(verb) ? verb : null;
}

/** `-y`, `--yes`, `--assume-yes`, or a quiet level of 2 (`-qq`, `-q -q`, `-q=2`), which implies `-y`. */
function assumesYes(command: ShellCommand): boolean {
  return hasFlag(command, 'y', 'yes', 'assume-yes') || quietLevel(command) >= 2;
}

/** The level `-q=N` / `--quiet=N` sets, else one per `-q` / `--quiet` (`-qq` is 2). */
function quietLevel(command: ShellCommand): number {
  const levels = command.args.map((a) => /^(?:-q|--quiet)=(\d+)$/.exec(a.value)?.[1]);
  const set = levels.filter((level) => level !== undefined).at(-1);
  return set === undefined
    ? command.flags.filter((f) => f === 'q' || f === 'quiet').length
    : Number(set);
}
