// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text uses ${VAR}
import rule from '../../rules/no-latest-tag.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM debian:jessie AS builder\n',
    { name: 'digest wins over latest', code: 'FROM debian:latest@sha256:0123456789abcdef\n' },
    { name: 'no tag is pin-base-image-tag, not this rule', code: 'FROM debian\n' },
    { name: 'a tag that merely contains latest', code: 'FROM node:latest-alpine\n' },
    { name: 'ARG without default', code: 'ARG TAG\nFROM debian:${TAG}\n' },
    { name: 'registry with port', code: 'FROM localhost:5000/app:1.2\n' },
    { name: 'ONBUILD is not a stage', code: 'FROM debian:12\nONBUILD RUN echo latest\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:latest\n',
      errors: [
        {
          messageId: 'latest',
          line: 1,
          column: 6,
          endColumn: 19,
          message:
            '`debian:latest` follows whatever upstream pushes next; pin a release tag (e.g. `debian:<version>`) or a digest',
        },
      ],
    },
    {
      code: 'FROM debian:latest AS builder\nRUN make\nFROM ghcr.io/acme/app:latest\n',
      errors: [
        { messageId: 'latest', line: 1 },
        { messageId: 'latest', line: 3 },
      ],
    },
    {
      name: 'resolved from a global ARG default',
      code: 'ARG TAG=latest\nFROM debian:${TAG}\n',
      errors: [
        {
          messageId: 'latest',
          line: 2,
          message:
            '`debian:latest` follows whatever upstream pushes next; pin a release tag (e.g. `debian:<version>`) or a digest',
        },
      ],
    },
  ],
});
