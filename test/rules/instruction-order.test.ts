import rule from '../../rules/instruction-order.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN make\n',
    { name: 'ARG first', code: 'ARG TAG=12\nFROM debian:$TAG\n' },
    {
      name: 'comments and directives',
      code: '# syntax=docker/dockerfile:1\n# a comment\nFROM debian:12\n',
    },
  ],
  invalid: [
    {
      code: 'LABEL a=b\nFROM debian:12\n',
      errors: [
        {
          messageId: 'beforeFrom',
          line: 1,
          column: 1,
          endColumn: 6,
          message:
            '`LABEL` comes before the first `FROM`; only `ARG` may precede it, so move this after `FROM`',
        },
      ],
    },
    {
      name: 'only the first is reported',
      code: 'ARG A\nENV B=1\nRUN x\nFROM debian:12\n',
      errors: [{ messageId: 'beforeFrom', line: 2 }],
    },
    {
      name: 'no FROM at all',
      code: 'RUN make\n',
      errors: [
        {
          messageId: 'noFrom',
          line: 1,
          message:
            '`RUN` is not in any stage: this Dockerfile has no `FROM`; start it with `FROM <image>`',
        },
      ],
    },
  ],
});
