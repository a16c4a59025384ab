import rule from '../../rules/label-required.js';
import { ruleTester } from '../helpers/rule-tester.js';

const schema = {
  labelSchema: {
    'org.opencontainers.image.title': 'text',
    'org.opencontainers.image.source': 'url',
  },
};

ruleTester(rule, {
  valid: [
    { name: 'off without a schema', code: 'FROM debian:12\n' },
    {
      name: 'all present',
      code: 'FROM debian:12\nLABEL org.opencontainers.image.title=app \\\n      org.opencontainers.image.source=https://example.com/app\n',
      options: schema,
    },
    {
      name: 'inherited from a base stage',
      code: 'FROM debian:12 AS base\nLABEL org.opencontainers.image.title=app\nFROM base\nLABEL org.opencontainers.image.source=https://example.com/app\n',
      options: schema,
    },
    {
      name: 'build stage without labels',
      code: 'FROM golang:1.22 AS build\nRUN go build\nFROM debian:12\nLABEL org.opencontainers.image.title=app org.opencontainers.image.source=https://example.com/app\n',
      options: schema,
    },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nLABEL org.opencontainers.image.title=app\n',
      options: schema,
      errors: [
        {
          messageId: 'missing',
          line: 1,
          column: 1,
          message:
            'the final image has no `org.opencontainers.image.source` label, which the label schema requires; add `LABEL org.opencontainers.image.source=…` to this stage',
        },
      ],
    },
    {
      name: 'labels only in a build stage',
      code: 'FROM golang:1.22 AS build\nLABEL org.opencontainers.image.title=app\nFROM debian:12\n',
      options: schema,
      errors: [
        { messageId: 'missing', line: 3 },
        { messageId: 'missing', line: 3 },
      ],
    },
  ],
});
