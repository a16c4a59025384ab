import rule from '../../rules/wget-progress.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN wget --progress=dot:giga https://example.com/big.tar.gz\n',
    { name: 'quiet', code: 'FROM debian:12\nRUN wget -q https://example.com/a\n' },
    {
      name: 'combined quiet',
      code: 'FROM debian:12\nRUN wget -qO- https://example.com/a | tar xz\n',
    },
    { name: 'no-verbose', code: 'FROM debian:12\nRUN wget -nv https://example.com/a\n' },
    { name: 'log file', code: 'FROM debian:12\nRUN wget -o /tmp/wget.log https://example.com/a\n' },
    { name: 'curl', code: 'FROM debian:12\nRUN curl -fsSLO https://example.com/a\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN wget https://example.com/big.tar.gz\n',
      errors: [
        {
          messageId: 'noProgress',
          line: 2,
          column: 5,
          endColumn: 40,
          message:
            '`wget` without `--progress` prints thousands of progress lines into the build log; add `--progress=dot:giga` (or `-q`)',
        },
      ],
    },
    {
      name: 'output document is not a log',
      code: 'FROM debian:12\nRUN wget -O /tmp/a https://example.com/a\n',
      errors: [{ messageId: 'noProgress', line: 2 }],
    },
  ],
});
