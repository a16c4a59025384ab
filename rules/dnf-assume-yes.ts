import type { ShellCommand } from '../src/dockerfile/index.js';
import { hasFlag, isCommand } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';
import { verbAmong } from './helpers/commands.js';
import { DNF_OPTIONS_WITH_VALUE, seesSetting } from './helpers/package-managers.js';

export default defineRule({
  meta: {
    id: 'dnf-assume-yes',
    severity: 'warning',
    hadolint: 'DL3038',
    docs: {
      summary: '`dnf install` without `-y` stops at a confirmation prompt.',
      rationale:
        'A build has no terminal: when dnf asks "Is this ok [y/N]" it reads end-of-file and ' +
        'exits with "Operation aborted", failing the build. Pass `-y` (`--assumeyes`), or set ' +
        '`assumeyes=True` (in dnf.conf in an earlier RUN of the stage, or with `--setopt`). ' +
        'microdnf never asks (its `-y` does nothing), so it is not checked. Unlike hadolint, ' +
        'every dnf command that asks is checked (`upgrade`, `remove`, `reinstall`, ' +
        '`distro-sync`, group and module commands…), not just `install`, `groupinstall` and ' +
        '`localinstall`.',
      bad: 'FROM fedora:40\nRUN dnf install httpd-2.4.62 && dnf clean all\n',
      good: 'FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n',
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
        if (verb === null || hasFlag(command, 'y', 'assumeyes')) continue;
        report({ messageId: 'missingYes', at: command, data: { command: command.name, verb } });
      }
    }
  },
});

const PROMPTING_VERBS = [
  'install',
  'in',
  'groupinstall',
  'localinstall',
  'reinstall',
  'rei',
  'upgrade',
  'up',
  'update',
  'upgrade-minimal',
  'up-min',
  'remove',
  'rm',
  'erase',
  'downgrade',
  'dg',
  'distro-sync',
  'dsync',
  'autoremove',
  'swap',
];

/** `dnf group …` / `dnf module …` subcommands that ask. */
const PROMPTING_SUBVERBS = [
  'install',
  'remove',
  'upgrade',
  'enable',
  'disable',
  'reset',
  'switch-to',
];

/** `assumeyes=True` in dnf.conf or `--setopt=assumeyes=True`. */
const ASSUME_YES_SETTING = /assumeyes\s*=\s*(?:1|true|yes)\b/i;

function promptingVerb(command: ShellCommand): string | null {
  if (!isCommand(command, 'dnf', 'dnf5', 'dnf-3')) return null;
  return verbAmong(command, DNF_OPTIONS_WITH_VALUE, PROMPTING_VERBS, {
    groups: ['group', 'groups', 'module'],
    groupVerbs: PROMPTING_SUBVERBS,
  });
}
