import type { ShellCommand } from '../src/dockerfile/index.js';
import { hasFlag, isCommand } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';
import { subcommand } from './helpers/commands.js';
import { APT_OPTIONS_WITH_VALUE, seesSetting } from './helpers/package-managers.js';

export default defineRule({
  meta: {
    id: 'apt-no-install-recommends',
    severity: 'info',
    hadolint: 'DL3015',
    docs: {
      summary:
        '`apt-get install` without `--no-install-recommends` also installs recommended packages.',
      rationale:
        'By default apt installs every package that an installed package merely recommends: ' +
        'documentation, optional helpers, sometimes a whole toolchain, often doubling the size of ' +
        'the install. Pass `--no-install-recommends` and list what you need. ' +
        '`-o APT::Install-Recommends=false`, or that setting written to apt.conf in an earlier ' +
        'RUN of the stage (or of a stage it builds on), counts too. Unlike hadolint, `apt install` ' +
        'is checked too.',
      bad: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl=7.88.1-10+deb12u8\n',
      good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8\n',
    },
    messages: {
      installsRecommends:
        '`{{command}} install` also installs recommended packages; add `--no-install-recommends`',
    },
  },
  check(model, report) {
    for (const run of model.find('RUN')) {
      if (seesSetting(model, run, NO_RECOMMENDS_SETTING)) continue;
      for (const command of run.shell.commands.filter(isAptInstall)) {
        if (hasFlag(command, 'no-install-recommends')) continue;
        report({ messageId: 'installsRecommends', at: command, data: { command: command.name } });
      }
    }
  },
});

/** `APT::Install-Recommends=false` (`-o`) or `APT::Install-Recommends "false";` (apt.conf). */
const NO_RECOMMENDS_SETTING = /APT::Install-Recommends\s*=?\s*\\?["']?\s*(?:false|no|0)\b/i;

function isAptInstall(command: ShellCommand): boolean {
  return (
    isCommand(command, 'apt-get', 'apt') &&
    subcommand(command, APT_OPTIONS_WITH_VALUE) === 'install'
  );
}
