// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text uses ${VAR}
import rule from '../../rules/pin-base-image-digest.js';
import { ruleTester } from '../helpers/rule-tester.js';

const digest = 'sha256:3f1d6c17773a45c97bd8f158d665c9709d7b29ed7917ac934086ad96f92e4510';

ruleTester(rule, {
  valid: [
    `FROM debian:12@${digest}\n`,
    { name: 'digest without tag', code: `FROM debian@${digest}\n` },
    { name: 'scratch', code: 'FROM scratch\n' },
    {
      name: 'earlier stage',
      code: `FROM debian:12@${digest} AS base\nFROM base\nCOPY --from=base /a /a\n`,
    },
    { name: 'stage number', code: `FROM debian:12@${digest}\nFROM scratch\nCOPY --from=0 /a /a\n` },
    { name: 'ARG without default', code: 'ARG BASE\nFROM ${BASE}\n' },
    { name: 'ARG default with digest', code: `ARG BASE=debian:12@${digest}\nFROM \${BASE}\n` },
  ],
  invalid: [
    {
      code: 'FROM debian:12\n',
      errors: [
        {
          messageId: 'noDigest',
          line: 1,
          column: 6,
          endColumn: 15,
          message:
            '`debian:12` is not pinned by digest, so it can change under the same tag; append `@sha256:<digest>` (e.g. from `docker buildx imagetools inspect debian:12`)',
        },
      ],
    },
    {
      name: 'COPY --from and mount from images',
      code: `FROM debian:12@${digest}\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\nRUN --mount=type=bind,from=ghcr.io/acme/tools:1,target=/t /t/run\n`,
      errors: [
        { messageId: 'noDigest', line: 2, column: 6 },
        { messageId: 'noDigest', line: 3, column: 5 },
      ],
    },
    {
      name: 'resolved from a global ARG default',
      code: 'ARG BASE=debian:12\nFROM ${BASE}\n',
      errors: [{ messageId: 'noDigest', line: 2 }],
    },
  ],
});
