import type { ShellCommand } from '../src/dockerfile/index.js';
import { isCommand, runCommands } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'wget-progress',
    severity: 'info',
    hadolint: 'DL3047',
    docs: {
      summary: '`wget` without `--progress` (or a quiet option) floods the build log.',
      rationale:
        'Without a terminal, GNU wget prints a line of dots for every few kilobytes, so a large ' +
        'download writes thousands of lines to the build log. `--progress=dot:giga` keeps it short; ' +
        '`-q`/`--quiet`, `-nv`/`--no-verbose` and `-o <logfile>` silence or redirect it, and are ' +
        'accepted too. This is about log size, not image size.',
      bad: 'FROM debian:12\nRUN wget https://example.com/big.tar.gz\n',
      good: 'FROM debian:12\nRUN wget --progress=dot:giga https://example.com/big.tar.gz\n',
    },
    messages: {
      noProgress:
        '`wget` without `--progress` prints thousands of progress lines into the build log; add `--progress=dot:giga` (or `-q`)',
    },
  },
  check(model, report) {
    for (const { command } of runCommands(model)) {
      if (isCommand(command, 'wget') && !limitsOutput(command))
        report({ messageId: 'noProgress', at: command });
    }
  },
});

function limitsOutput(command: ShellCommand): boolean {
  return command.args.some((a) => {
    const v = a.value;
    return (
      v.startsWith('--progress') ||
      [
        '--quiet',
        '--no-verbose',
        '-nv',
        '--output-file',
        '--append-output',
        '--help',
        '--version',
        '-V',
        '-h',
      ].includes(v) ||
      v.startsWith('--output-file=') ||
      v.startsWith('--append-output=') ||
      (/^-[a-zA-Z]*[qoa]/.test(v) && !v.startsWith('--'))
    );
  });
}
