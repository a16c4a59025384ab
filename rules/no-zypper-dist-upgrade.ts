import type { ShellWord } from '../src/dockerfile/index.js';
import { isCommand } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';

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
        const verb = operands(command.args, ZYPPER_OPTIONS_WITH_VALUE)[0]?.value;
        if (verb !== 'dist-upgrade' && verb !== 'dup') continue;
        report({ messageId: 'distUpgrade', at: command, data: { verb } });
      }
    }
  },
});

/** zypper global options that take a separate value. */
const ZYPPER_OPTIONS_WITH_VALUE = [
  '-c',
  '--config',
  '-R',
  '--root',
  '-D',
  '--reposd-path',
  '-C',
  '--cache-dir',
  '--raw-cache-dir',
  '--solv-cache-dir',
  '--pkg-cache-dir',
  '-p',
  '--plus-repo',
  '--plus-content',
];

/** Arguments that are neither options nor option values: `zypper --root /mnt dup` → `dup`. */
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
