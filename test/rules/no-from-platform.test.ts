// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text uses ${VAR}
import rule from '../../rules/no-from-platform.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM debian:12\n',
    { name: 'BUILDPLATFORM', code: 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n' },
    { name: 'braced TARGETPLATFORM', code: 'FROM --platform=${TARGETPLATFORM} debian:12\n' },
    {
      name: 'an ARG the caller sets',
      code: 'ARG PLATFORM=linux/amd64\nFROM --platform=${PLATFORM} debian:12\n',
    },
  ],
  invalid: [
    {
      code: 'FROM --platform=linux/amd64 debian:12\n',
      errors: [
        {
          messageId: 'constant',
          line: 1,
          column: 6,
          endColumn: 28,
          message:
            '`--platform=linux/amd64` pins this stage to one platform; remove it, or use `$BUILDPLATFORM` for a stage that only runs build tools',
        },
      ],
    },
    {
      name: 'second stage',
      code: 'FROM debian:12 AS a\nFROM --platform=linux/arm64 alpine:3.20\n',
      errors: [{ messageId: 'constant', line: 2 }],
    },
  ],
});
