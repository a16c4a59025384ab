import rule from '../../rules/copy-whole-filesystem.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM golang:1.22 AS build\nFROM scratch\nCOPY --from=build /out/app /app\n',
    {
      name: 'a rootfs directory',
      code: 'FROM debian:12 AS build\nFROM scratch\nCOPY --from=build /rootfs/ /\n',
    },
    { name: 'build context root', code: 'FROM debian:12\nCOPY / /src/\n' },
    {
      name: 'stage dot (relative to its WORKDIR)',
      code: 'FROM node:22 AS build\nFROM nginx:1.27\nCOPY --from=build . /srv/\n',
    },
  ],
  invalid: [
    {
      code: 'FROM golang:1.22 AS build\nFROM scratch\nCOPY --from=build / /\n',
      errors: [
        {
          messageId: 'whole',
          line: 3,
          column: 19,
          endColumn: 20,
          message:
            '`COPY --from=build /` copies the entire filesystem of `build`; copy only the files the image needs',
        },
      ],
    },
    {
      name: 'into a subdirectory',
      code: 'FROM debian:12 AS a\nFROM alpine:3.20\nCOPY --from=a / /debian/\n',
      errors: [{ messageId: 'whole', line: 3 }],
    },
    {
      name: 'from an image',
      code: 'FROM scratch\nCOPY --from=busybox:1.36 /* /\n',
      errors: [{ messageId: 'whole', line: 2 }],
    },
  ],
});
