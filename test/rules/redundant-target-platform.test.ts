// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text uses ${VAR}
import rule from '../../rules/redundant-target-platform.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM debian:12\n',
    { name: 'BUILDPLATFORM', code: 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n' },
    { name: 'constant', code: 'FROM --platform=linux/amd64 debian:12\n' },
    { name: 'derived value', code: 'FROM --platform=${TARGETPLATFORM:-linux/amd64} debian:12\n' },
  ],
  invalid: [
    {
      code: 'FROM --platform=$TARGETPLATFORM debian:12\n',
      errors: [
        {
          messageId: 'redundant',
          line: 1,
          column: 6,
          endColumn: 32,
          message: '`--platform=$TARGETPLATFORM` is the default for every stage; remove the flag',
        },
      ],
    },
    {
      name: 'braced',
      code: 'FROM --platform=${TARGETPLATFORM} debian:12 AS a\n',
      errors: [{ messageId: 'redundant', line: 1 }],
    },
  ],
});
