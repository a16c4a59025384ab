import { isCommand } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';
import { subcommand } from './helpers/commands.js';
import { ZYPPER_GLOBAL_OPTIONS_WITH_VALUE } from './helpers/package-managers.js';

export default defineRule({
  meta: {
    id: 'no-zypper-dist-upgrade',
    severity: 'warning',
    hadolint: 'DL3035',
    docs: {
      summary: '`zypper dist-upgrade` in a Dockerfile.',
      rationale:
        '`zypper dist-upgrade` (`dup`) moves the whole system to whatever the repositories now ' +
        'offer, possibly a new distribution release, with vendor changes and removals: the ' +
        'image is no longer the base image you named, builds are not reproducible, and the ' +
        'layer holds a second copy of most of the system. Use a newer base image tag instead, ' +
        'and `zypper patch` / `zypper update` for fixes.',
      bad: 'FROM opensuse/leap:15.6\nRUN zypper -n dist-upgrade && zypper clean --all\n',
      good: 'FROM opensuse/leap:15.6\nRUN zypper -n patch && zypper clean --all\n',
    },
    messages: {
      distUpgrade:
        '`zypper {{verb}}` upgrades the whole distribution inside the image; use a newer base image, and `zypper patch` or `zypper update` for fixes',
    },
  },
  check(model, report) {
    for (const run of model.find('RUN')) {
      for (const command of run.shell.commands.filter((c) => isCommand(c, 'zypper'))) {
        const verb = subcommand(command, ZYPPER_GLOBAL_OPTIONS_WITH_VALUE);
        if (verb !== 'dist-upgrade' && verb !== 'dup') continue;
        report({ messageId: 'distUpgrade', at: command, data: { verb } });
      }
    }
  },
});
