import rule from '../../rules/healthcheck-missing.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM nginx:1.27\nHEALTHCHECK CMD ["curl", "-fsS", "http://localhost/"]\n',
    { name: 'NONE', code: 'FROM nginx:1.27\nHEALTHCHECK NONE\n' },
    {
      name: 'inherited from the base stage',
      code: 'FROM nginx:1.27 AS base\nHEALTHCHECK CMD ["true"]\nFROM base\n',
    },
    { name: 'no FROM', code: 'RUN x\n' },
  ],
  invalid: [
    {
      code: 'FROM nginx:1.27\nCOPY a /b\n',
      errors: [
        {
          messageId: 'missing',
          line: 1,
          column: 1,
          message:
            'the final image has no `HEALTHCHECK`; add one (e.g. `HEALTHCHECK CMD ["curl", "-fsS", "http://localhost/"]`) or `HEALTHCHECK NONE` to say it has none',
        },
      ],
    },
    {
      name: 'only a build stage has one',
      code: 'FROM node:22 AS build\nHEALTHCHECK CMD ["true"]\nFROM nginx:1.27\n',
      errors: [{ messageId: 'missing', line: 3 }],
    },
    {
      name: 'ONBUILD HEALTHCHECK does not count',
      code: 'FROM nginx:1.27\nONBUILD HEALTHCHECK CMD ["true"]\n',
      errors: [{ messageId: 'missing', line: 1 }],
    },
  ],
});
