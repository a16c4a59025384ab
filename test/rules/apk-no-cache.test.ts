import rule from '../../rules/apk-no-cache.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\n',
    { name: 'global option before add', code: 'RUN apk --no-cache add curl\n' },
    {
      name: 'tmpfs mount on the cache',
      code: 'RUN --mount=type=tmpfs,target=/var/cache/apk apk add -U curl=7.77.0\n',
    },
    {
      name: 'cache mount on the cache',
      code: 'RUN --mount=type=cache,target=/var/cache/apk \\\n    apk add --update curl\n',
    },
    {
      name: 'index removed later in the same RUN',
      code: 'RUN apk update && apk add curl && rm -rf /var/cache/apk/*\n',
    },
    {
      name: 'repository option value is not the subcommand',
      code: 'RUN apk -X https://dl-cdn.alpinelinux.org/alpine/edge/testing add --no-cache flow\n',
    },
    { name: 'apk del is not an install', code: 'RUN apk del .build-deps\n' },
    { name: 'add is an argument of echo', code: 'RUN echo apk add curl\n' },
    {
      name: 'intermediate stage only copied from',
      code: 'FROM alpine:3.20 AS build\nRUN apk add gcc\nFROM scratch\nCOPY --from=build /out /out\n',
    },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nRUN apk add curl=8.9.1-r0\n',
      errors: [
        {
          messageId: 'keepsIndex',
          line: 2,
          column: 5,
          endColumn: 26,
          message:
            '`apk add` keeps the package index in /var/cache/apk; use `apk add --no-cache`, or a cache mount on /var/cache/apk',
        },
      ],
    },
    {
      name: 'cache mount on another directory',
      code: 'RUN --mount=type=cache,target=/var/cache/foo apk add -U curl=7.77.0\n',
      errors: [{ messageId: 'keepsIndex', line: 1, column: 46 }],
    },
    {
      name: 'index removed before the install',
      code: 'RUN rm -rf /var/cache/apk/* && apk add curl\n',
      errors: [{ messageId: 'keepsIndex', line: 1, column: 32 }],
    },
    {
      name: 'an unrelated rm is not cleanup',
      code: 'RUN apk add curl && rm -rf /tmp/*\n',
      errors: [{ messageId: 'keepsIndex', line: 1 }],
    },
    {
      name: 'two adds on continuation lines',
      code: 'RUN apk add --no-cache git \\\n && apk add --virtual .build-deps gcc \\\n && apk add make\n',
      errors: [
        { messageId: 'keepsIndex', line: 2, column: 5 },
        { messageId: 'keepsIndex', line: 3, column: 5 },
      ],
    },
    {
      name: 'ONBUILD RUN, even in an unused stage',
      code: 'FROM alpine:3.20 AS base\nONBUILD RUN apk add curl\nFROM scratch\n',
      errors: [{ messageId: 'keepsIndex', line: 2, column: 13 }],
    },
    {
      name: 'heredoc body',
      code: 'FROM alpine:3.20\nRUN <<EOF\nset -e\napk add curl\nEOF\n',
      errors: [{ messageId: 'keepsIndex', line: 4, column: 1 }],
    },
    {
      name: 'intermediate stage a later FROM builds on',
      code: 'FROM alpine:3.20 AS base\nRUN apk add curl\nFROM base\nRUN true\n',
      errors: [{ messageId: 'keepsIndex', line: 2 }],
    },
  ],
});
