import rule from '../../rules/onbuild-forbidden-trigger.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM node:22\nONBUILD COPY . /app/\n',
    { name: 'ONBUILD RUN mentioning FROM', code: 'FROM node:22\nONBUILD RUN echo FROM\n' },
    { name: 'ONBUILD LABEL', code: 'FROM node:22\nONBUILD LABEL maintainer=me@example.com\n' },
  ],
  invalid: [
    {
      code: 'FROM node:22\nONBUILD FROM node:22\n',
      errors: [
        {
          messageId: 'forbidden',
          line: 2,
          column: 9,
          endColumn: 13,
          message:
            '`ONBUILD FROM` is not allowed; move the `FROM` into the Dockerfile that builds on this image',
        },
      ],
    },
    {
      name: 'ONBUILD ONBUILD',
      code: 'FROM node:22\nONBUILD ONBUILD RUN x\n',
      errors: [{ messageId: 'forbidden', line: 2 }],
    },
    {
      name: 'ONBUILD MAINTAINER, lower case',
      code: 'FROM node:22\nonbuild maintainer me\n',
      errors: [{ messageId: 'forbidden', line: 2 }],
    },
  ],
});
