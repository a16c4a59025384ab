import type { ShellCommand } from '../src/dockerfile/index.js';
import { hasFlag, isCommand, runCommands } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'useradd-high-uid',
    severity: 'warning',
    hadolint: 'DL3046',
    docs: {
      summary: '`useradd` with a large UID and without `-l`.',
      rationale:
        '`useradd` records every user in `/var/log/lastlog` and `/var/log/faillog`, files indexed ' +
        'by UID: a UID such as 123456789 makes them sparse files of many gigabytes, which layers ' +
        'store in full. `-l` (`--no-log-init`) skips them. UIDs of six digits or more are flagged, ' +
        'as in hadolint; UIDs from variables are skipped.',
      bad: 'FROM debian:12\nRUN useradd -u 123456 app\n',
      good: 'FROM debian:12\nRUN useradd -l -u 123456 app\n',
    },
    messages: {
      noLogInit:
        '`useradd` with UID {{uid}} without `-l` writes huge sparse lastlog/faillog files into the layer; add `-l` (`--no-log-init`)',
    },
  },
  check(model, report) {
    for (const { command } of runCommands(model)) {
      if (!isCommand(command, 'useradd') || hasFlag(command, 'l', 'no-log-init')) continue;
      const uid = uidOf(command);
      if (uid !== null && /^\d{6,}$/.test(uid))
        report({ messageId: 'noLogInit', at: command, data: { uid } });
    }
  },
});

/** The value of `-u`/`--uid` (`-u 1000`, `-u1000`, `--uid=1000`, `-mu 1000`). */
function uidOf(command: ShellCommand): string | null {
  const args = command.args.map((a) => a.value);
  for (const [i, arg] of args.entries()) {
    if (arg === '--uid' || /^-[a-zA-Z]*u$/.test(arg)) return args[i + 1] ?? null;
    if (arg.startsWith('--uid=')) return arg.slice('--uid='.length);
    const attached = /^-u(\d+)$/.exec(arg);
    if (attached) return attached[1] ?? null;
  }
  return null;
}
