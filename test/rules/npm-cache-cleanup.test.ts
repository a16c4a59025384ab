import rule from '../../rules/npm-cache-cleanup.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM node:20\nRUN npm ci --omit=dev && npm cache clean --force\n',
    { name: 'short force flag', code: 'RUN npm install && npm cache clean -f\n' },
    {
      name: 'cache mount on ~/.npm',
      code: 'RUN --mount=type=cache,target=/root/.npm npm ci\n',
    },
    {
      name: 'tmpfs mount on the node user cache',
      code: 'RUN --mount=type=tmpfs,target=/home/node/.npm npm install\n',
    },
    {
      name: 'custom cache directory under a cache mount',
      code: 'RUN --mount=type=cache,target=/tmp/npm-cache npm ci --cache /tmp/npm-cache\n',
    },
    {
      name: 'custom cache directory removed',
      code: 'RUN npm ci --cache=/tmp/npm-cache && rm -rf /tmp/npm-cache\n',
    },
    { name: 'cache directory removed', code: 'RUN npm install -g pm2@5.4.2 && rm -rf ~/.npm\n' },
    { name: 'npm run is not an install', code: 'RUN npm run build\n' },
    { name: 'prefix value is not the verb', code: 'RUN npm --prefix install run build\n' },
    {
      name: 'intermediate stage only copied from',
      code: 'FROM node:20 AS build\nRUN npm ci && npm run build\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\n',
    },
  ],
  invalid: [
    {
      name: 'the value of --proxy is not the subcommand',
      code: 'FROM node:20\nRUN npm --proxy http://proxy:3128 ci\n',
      errors: [
        {
          messageId: 'leftInLayer',
          line: 2,
          column: 5,
          message:
            '`npm ci` leaves the npm cache (~/.npm) in the layer; add `&& npm cache clean --force` to the same RUN, or use a cache mount on /root/.npm',
        },
      ],
    },
    {
      code: 'FROM node:20\nRUN npm ci --omit=dev\n',
      errors: [
        {
          messageId: 'leftInLayer',
          line: 2,
          column: 5,
          endColumn: 22,
          message:
            '`npm ci` leaves the npm cache (~/.npm) in the layer; add `&& npm cache clean --force` to the same RUN, or use a cache mount on /root/.npm',
        },
      ],
    },
    {
      name: 'npm cache clean without --force fails on npm 5+',
      code: 'RUN npm install && npm cache clean\n',
      errors: [{ messageId: 'leftInLayer', line: 1, column: 5 }],
    },
    {
      name: 'clean before install',
      code: 'RUN npm cache clean --force && npm i -g pm2@5.4.2\n',
      errors: [
        {
          messageId: 'leftInLayer',
          line: 1,
          column: 32,
          message:
            '`npm i` leaves the npm cache (~/.npm) in the layer; add `&& npm cache clean --force` to the same RUN, or use a cache mount on /root/.npm',
        },
      ],
    },
    {
      name: 'cache mount on another directory',
      code: 'RUN --mount=type=cache,target=/app/node_modules npm ci\n',
      errors: [{ messageId: 'leftInLayer', line: 1 }],
    },
    {
      name: 'an unrelated rm -rf is not cleanup',
      code: 'RUN npm ci && rm -rf /tmp/*\n',
      errors: [{ messageId: 'leftInLayer', line: 1 }],
    },
    {
      name: 'stage a later FROM builds on',
      code: 'FROM node:20 AS deps\nRUN npm ci\nFROM deps\nCMD ["node", "index.js"]\n',
      errors: [{ messageId: 'leftInLayer', line: 2 }],
    },
    {
      name: 'ONBUILD RUN',
      code: 'FROM node:20\nONBUILD RUN npm install\n',
      errors: [{ messageId: 'leftInLayer', line: 2, column: 13 }],
    },
  ],
});
