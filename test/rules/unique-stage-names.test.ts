import rule from '../../rules/unique-stage-names.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM node as foo\nRUN something\nFROM scratch as bar\nRUN something\n',
    { name: 'unnamed stages', code: 'FROM a:1\nFROM a:1\n' },
    { name: 'FROM an earlier stage', code: 'FROM a:1 AS base\nFROM base AS next\n' },
  ],
  invalid: [
    {
      code: 'FROM node as foo\nRUN something\nFROM scratch as foo\nRUN something\n',
      errors: [
        {
          messageId: 'duplicate',
          line: 3,
          column: 17,
          endColumn: 20,
          message: 'stage name `foo` is already used on line 1; give this stage a different name',
        },
      ],
    },
    {
      name: 'case-insensitive, three times',
      code: 'FROM a:1 AS Build\nFROM b:1 AS build\nFROM c:1 AS BUILD\n',
      errors: [
        { messageId: 'duplicate', line: 2 },
        { messageId: 'duplicate', line: 3 },
      ],
    },
  ],
});
