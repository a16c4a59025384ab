import rule from '../../rules/reserved-stage-name.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM golang:1.22 AS build\n',
    { name: 'FROM scratch is not a stage name', code: 'FROM scratch\n' },
    { name: 'a name that contains a reserved word', code: 'FROM debian:12 AS scratch-base\n' },
  ],
  invalid: [
    {
      code: 'FROM golang:1.22 AS scratch\n',
      errors: [
        {
          messageId: 'reserved',
          line: 1,
          column: 21,
          endColumn: 28,
          message:
            'stage name `scratch` is reserved (`FROM scratch` is the empty image); pick another name',
        },
      ],
    },
    {
      name: 'context, any case',
      code: 'FROM debian:12 as Context\n',
      errors: [
        {
          messageId: 'reserved',
          line: 1,
          message:
            'stage name `Context` is reserved (`context` is the build context); pick another name',
        },
      ],
    },
  ],
});
