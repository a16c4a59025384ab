import type { ShellCommand } from '../src/dockerfile/index.js';
import { hasFlag, isCommand } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';
import { verbAmong } from './helpers/commands.js';
import { seesSetting, YUM_OPTIONS_WITH_VALUE } from './helpers/package-managers.js';

export default defineRule({
  meta: {
    id: 'yum-assume-yes',
    severity: 'warning',
    hadolint: 'DL3030',
    docs: {
      summary: '`yum install` without `-y` stops at a confirmation prompt.',
      rationale:
        'A build has no terminal: when yum asks "Is this ok [y/d/N]" it reads end-of-file and ' +
        'exits with "Operation aborted", failing the build. Pass `-y` (`--assumeyes`), or set ' +
        '`assumeyes=1` (in yum.conf in an earlier RUN of the stage, or with `--setopt`). Unlike ' +
        'hadolint, every command that asks is checked (`update`, `upgrade`, `remove`, ' +
        '`reinstall`, `downgrade`, group installs), not just `install`, `groupinstall` and ' +
        '`localinstall`.',
      bad: 'FROM centos:7\nRUN yum install httpd-2.4.6 && yum clean all\n',
      good: 'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n',
    },
    messages: {
      missingYes: '`yum {{verb}}` stops at a confirmation prompt, which fails the build; add `-y`',
    },
  },
  check(model, report) {
    for (const run of model.find('RUN')) {
      if (seesSetting(model, run, ASSUME_YES_SETTING)) continue;
      for (const command of run.shell.commands) {
        const verb = promptingVerb(command);
        if (verb === null || hasFlag(command, 'y', 'assumeyes')) continue;
        report({ messageId: 'missingYes', at: command, data: { verb } });
      }
    }
  },
});

const PROMPTING_VERBS = [
  'install',
  'groupinstall',
  'localinstall',
  'reinstall',
  'update',
  'upgrade',
  'update-minimal',
  'remove',
  'erase',
  'downgrade',
  'groupremove',
  'groupupdate',
  'autoremove',
];

/** `assumeyes=1` in yum.conf or `--setopt=assumeyes=1`. */
const ASSUME_YES_SETTING = /assumeyes\s*=\s*(?:1|true|yes)\b/i;

function promptingVerb(command: ShellCommand): string | null {
  if (!isCommand(command, 'yum')) return null;
  return verbAmong(command, YUM_OPTIONS_WITH_VALUE, PROMPTING_VERBS, {
    groups: ['group', 'groups'],
    groupVerbs: ['install', 'remove', 'update'],
  });
}
