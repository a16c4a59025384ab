// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text uses ${VAR}
import rule from '../../rules/copy-from-unknown-stage.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM node:22 AS build\nRUN npm ci\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html/\n',
    {
      name: 'case-insensitive',
      code: 'FROM node:22 AS Build\nFROM nginx:1.27\nCOPY --from=build /a /b\n',
    },
    { name: 'stage number', code: 'FROM node:22\nFROM nginx:1.27\nCOPY --from=0 /a /b\n' },
    {
      name: 'image with tag',
      code: 'FROM debian:12\nCOPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/\n',
    },
    {
      name: 'image with registry',
      code: 'FROM debian:12\nCOPY --from=ghcr.io/acme/tools /bin/tool /usr/local/bin/\n',
    },
    { name: 'variable', code: 'ARG BUILDER=build\nFROM debian:12\nCOPY --from=${BUILDER} /a /b\n' },
    {
      name: 'own stage is copy-from-own-stage',
      code: 'FROM node:22 AS foo\nCOPY --from=foo a b\n',
    },
    { name: 'ONBUILD', code: 'FROM node:22\nONBUILD COPY --from=assets /a /b\n' },
  ],
  invalid: [
    {
      code: 'FROM golang:1.22 AS build\nFROM debian:12\nCOPY --from=buidl /out/app /app\n',
      errors: [
        {
          messageId: 'unknown',
          line: 3,
          column: 6,
          endColumn: 18,
          message:
            '`--from=buidl` names no earlier stage, so Docker would pull an image called `buidl`; fix the stage name, define the stage before this line, or give the image a tag',
        },
      ],
    },
    {
      name: 'stage defined later',
      code: 'FROM debian:12\nCOPY --from=build /a /b\nFROM golang:1.22 AS build\n',
      errors: [{ messageId: 'unknown', line: 2 }],
    },
    {
      name: 'stage number not before',
      code: 'FROM node:22\nFROM nginx:1.27\nCOPY --from=2 /a /b\n',
      errors: [
        {
          messageId: 'badIndex',
          line: 3,
          message:
            '`--from=2` refers to a stage that does not come before this one (this is stage 1); use the number or name of an earlier stage',
        },
      ],
    },
  ],
});
