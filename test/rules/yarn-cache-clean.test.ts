import rule from '../../rules/yarn-cache-clean.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM node:20\nRUN yarn install --frozen-lockfile && yarn cache clean\n',
    { name: 'not yarn', code: 'RUN foo\n' },
    {
      name: 'cache mount',
      code: 'RUN --mount=type=cache,target=/root/.cache/yarn yarn install foobar\n',
    },
    {
      name: 'tmpfs mount on the node image cache',
      code: 'RUN --mount=type=tmpfs,target=/usr/local/share/.cache/yarn yarn\n',
    },
    {
      name: 'yarn berry cache mount',
      code: 'RUN --mount=type=cache,target=/root/.yarn/berry/cache yarn install --immutable\n',
    },
    {
      name: 'cache directory removed',
      code: 'RUN yarn install && rm -rf /usr/local/share/.cache/yarn\n',
    },
    { name: 'yarn build', code: 'RUN yarn build\n' },
    { name: 'yarn run with an install script name', code: 'RUN yarn run build install\n' },
    {
      name: 'stage nobody builds on',
      code: 'FROM node:lts-alpine as foo\nRUN yarn install foo\nFROM scratch\nRUN hey!\n',
    },
    {
      name: 'cleaned in a stage that is reused',
      code: 'FROM node:lts-alpine as foo\nRUN yarn install && yarn cache clean\nFROM foo\nRUN hey!\n',
    },
  ],
  invalid: [
    {
      code: 'FROM node:20\nRUN yarn install --frozen-lockfile\n',
      errors: [
        {
          messageId: 'leftInLayer',
          line: 2,
          column: 5,
          endColumn: 35,
          message:
            '`yarn install` leaves the yarn cache in the layer; add `&& yarn cache clean` to the same RUN, or use a cache mount on /usr/local/share/.cache/yarn',
        },
      ],
    },
    {
      name: 'clean before install',
      code: 'RUN yarn cache clean && yarn install foo\n',
      errors: [{ messageId: 'leftInLayer', line: 1, column: 25 }],
    },
    {
      name: 'bare yarn installs',
      code: 'RUN yarn --frozen-lockfile\n',
      errors: [
        {
          messageId: 'leftInLayer',
          line: 1,
          message:
            '`yarn` leaves the yarn cache in the layer; add `&& yarn cache clean` to the same RUN, or use a cache mount on /usr/local/share/.cache/yarn',
        },
      ],
    },
    {
      name: 'yarn global add',
      code: 'RUN yarn global add typescript@5.6.2\n',
      errors: [{ messageId: 'leftInLayer', line: 1 }],
    },
    {
      name: 'cache mount in the wrong place',
      code: 'RUN --mount=type=cache,target=/var/lib/foobar yarn install foobar\n',
      errors: [{ messageId: 'leftInLayer', line: 1, column: 47 }],
    },
    {
      name: 'stage a later FROM builds on',
      code: 'FROM node:lts-alpine as foo\nRUN yarn install\nFROM foo\nRUN hey!\n',
      errors: [{ messageId: 'leftInLayer', line: 2 }],
    },
    {
      name: 'ONBUILD RUN in a stage nobody builds on',
      code: 'FROM node:lts-alpine as foo\nONBUILD RUN yarn install foo\nFROM scratch\nONBUILD RUN hey!\n',
      errors: [{ messageId: 'leftInLayer', line: 2, column: 13 }],
    },
    {
      name: 'an unrelated rm -rf is not cleanup',
      code: 'RUN yarn install && rm -rf /tmp/*\n',
      errors: [{ messageId: 'leftInLayer', line: 1 }],
    },
  ],
});
