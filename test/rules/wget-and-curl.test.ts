import rule from '../../rules/wget-and-curl.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN curl -fsSL https://a | tar xz\nRUN curl -fsSLO https://b\n',
    {
      name: 'different stages',
      code: 'FROM debian:12 AS a\nRUN curl -fsSLO https://a\nFROM alpine:3.20\nRUN wget -q https://b\n',
    },
    {
      name: 'installing both packages',
      code: 'FROM debian:12\nRUN apt-get install -y curl wget\n',
    },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN curl -fsSLo /tmp/a https://example.com/a\nRUN wget -q -O /tmp/b https://example.com/b\n',
      errors: [
        {
          messageId: 'both',
          line: 3,
          column: 5,
          message:
            'this stage already uses `curl` (line 2); download with one tool and drop `wget`',
        },
      ],
    },
    {
      name: 'reported once',
      code: 'FROM debian:12\nRUN wget -q https://a && curl -fsSLO https://b && curl -fsSLO https://c && wget -q https://d\n',
      errors: [{ messageId: 'both', line: 2, column: 26 }],
    },
  ],
});
