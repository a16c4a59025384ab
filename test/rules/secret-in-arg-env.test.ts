import rule from '../../rules/secret-in-arg-env.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM node:22\nARG NODE_VERSION=22\nENV NODE_ENV=production\n',
    {
      name: 'GPG key fingerprint',
      code: 'FROM python:3.12\nENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D\n',
    },
    {
      name: 'secret file path',
      code: 'FROM postgres:16\nENV POSTGRES_PASSWORD_FILE=/run/secrets/db\n',
    },
    {
      name: 'word that contains a secret word',
      code: 'FROM debian:12\nARG AUTHOR=me\nENV MONKEY=1\n',
    },
    { name: 'key id', code: 'FROM debian:12\nARG AWS_ACCESS_KEY_ID\n' },
    { name: 'public key', code: 'FROM debian:12\nARG SSH_PUBLIC_KEY\n' },
  ],
  invalid: [
    {
      code: 'FROM node:22\nARG NPM_TOKEN\n',
      errors: [
        {
          messageId: 'secret',
          line: 2,
          column: 5,
          endColumn: 14,
          message:
            '`NPM_TOKEN` looks like a secret, and ARG values stay in the image (config or history); pass it with `RUN --mount=type=secret,id=…` instead',
        },
      ],
    },
    {
      name: 'ENV, camelCase, several',
      code: 'FROM node:22\nENV dbPassword=x AWS_SECRET_ACCESS_KEY=y PLAIN=z\n',
      errors: [
        { messageId: 'secret', line: 2, column: 5 },
        {
          messageId: 'secret',
          line: 2,
          column: 18,
          message:
            '`AWS_SECRET_ACCESS_KEY` looks like a secret, and ENV values stay in the image (config or history); pass it with `RUN --mount=type=secret,id=…` instead',
        },
      ],
    },
    {
      name: 'global ARG',
      code: 'ARG GITHUB_TOKEN\nFROM debian:12\n',
      errors: [{ messageId: 'secret', line: 1 }],
    },
  ],
});
