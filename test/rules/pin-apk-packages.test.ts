// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text uses ${VAR}
import rule from '../../rules/pin-apk-packages.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\n',
    { name: 'tilde', code: 'RUN apk add --no-cache git~2.52.0\n' },
    { name: '~= and =~', code: 'RUN apk add --no-cache git~=2.52 curl=~8.9\n' },
    {
      name: 'several on continuation lines, chained pip',
      code: 'RUN apk add --no-cache \\\nflex=2.6.4-r1 \\\nlibffi=3.2.1-r3 \\\n && pip install -r requirements.txt\n',
    },
    {
      name: 'virtual package name',
      code: 'RUN apk add \\\n--virtual build-dependencies \\\npython-dev=1.1.1 build-base=2.2.2 \\\n&& apk del build-dependencies\n',
    },
    {
      name: 'repository with an equal sign',
      code: 'RUN apk add --no-cache \\\n--repository=https://nl.alpinelinux.org/alpine/edge/testing \\\nflow=0.78.0-r0\n',
    },
    {
      name: 'repository (-X) without an equal sign',
      code: 'RUN apk add --no-cache -X https://nl.alpinelinux.org/alpine/edge/testing flow=0.78.0-r0\n',
    },
    { name: 'local .apk file', code: 'RUN apk add mypackage-1.1.1.apk\n' },
    { name: 'packages from a variable', code: 'RUN apk add --no-cache $PKGS "${MORE}"\n' },
    { name: 'apk del', code: 'RUN apk del curl\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
      errors: [
        {
          messageId: 'unpinned',
          line: 2,
          column: 24,
          endColumn: 28,
          message: '`curl` is not pinned in `apk add`; use `curl=<version>`',
        },
      ],
    },
    {
      name: 'one missed among pinned',
      code: 'RUN apk add --no-cache \\\nflex=2.6.4-r1 \\\nlibffi \\\npython2=2.7.13-r1\n',
      errors: [{ messageId: 'unpinned', line: 3, column: 1 }],
    },
    {
      name: 'after a --virtual name',
      code: 'RUN apk add --virtual .build-deps gcc musl-dev=1.2.5-r0\n',
      errors: [{ messageId: 'unpinned', line: 1, column: 35 }],
    },
    {
      name: 'ONBUILD RUN',
      code: 'ONBUILD RUN apk add flex\n',
      errors: [{ messageId: 'unpinned', line: 1, column: 21 }],
    },
  ],
});
