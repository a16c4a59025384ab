import rule from '../../rules/copy-from-own-stage.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM scratch\nCOPY --from=foo bar .\n',
    {
      name: 'earlier stage',
      code: 'FROM scratch as foo\nRUN x\nFROM scratch\nCOPY --from=foo bar .\n',
    },
    {
      name: 'earlier stage by number',
      code: 'FROM scratch as foo\nFROM scratch\nCOPY --from=0 bar .\n',
    },
    { name: 'ONBUILD COPY', code: 'FROM node:22 as foo\nONBUILD COPY --from=foo bar baz/\n' },
    {
      name: 'pragma',
      code: 'FROM node as foo\n# hadolint ignore=DL3023, DL3021\nCOPY --from=foo bar baz .\n',
    },
  ],
  invalid: [
    {
      code: 'FROM node as foo\nCOPY --from=foo bar .\n',
      errors: [
        {
          messageId: 'ownStage',
          line: 2,
          column: 6,
          endColumn: 16,
          message:
            '`--from=foo` is the stage this COPY is in; copy from the stage that built the files instead',
        },
      ],
    },
    {
      name: 'different case',
      code: 'FROM node:22 AS Build\nCOPY --from=build a b\n',
      errors: [{ messageId: 'ownStage', line: 2 }],
    },
    {
      name: 'own number',
      code: 'FROM node:22 AS a\nFROM node:22\nCOPY --from=1 a b\n',
      errors: [{ messageId: 'ownStage', line: 3 }],
    },
  ],
});
