// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text uses ${VAR}
import rule from '../../rules/trusted-registries.js';
import { ruleTester } from '../helpers/rule-tester.js';

const hub = { trustedRegistries: ['docker.io'] };
const trusted = { trustedRegistries: ['trusted.com'] };

ruleTester(rule, {
  valid: [
    { name: 'off without trusted registries', code: 'FROM random.com/debian\n' },
    {
      name: 'all forms of docker.io',
      code: 'FROM ubuntu:18.04 AS a\nFROM zemanlx/ubuntu:18.04 AS b\nFROM docker.io/zemanlx/ubuntu:18.04 AS c\nFROM index.docker.io/library/debian:12\n',
      options: hub,
    },
    {
      name: 'hub.docker.com means Docker Hub',
      code: 'FROM debian:12\n',
      options: { trustedRegistries: ['hub.docker.com'] },
    },
    {
      name: 'previous stages',
      code: 'FROM random.com/foo AS builder1\nFROM builder1 AS builder2\nCOPY --from=builder1 /a /b\nCOPY --from=0 /a /b\n',
      options: { trustedRegistries: ['random.com'] },
    },
    {
      name: 'wildcard suffix',
      code: 'FROM foo.random.com/debian\n',
      options: { trustedRegistries: ['x.com', '*.random.com'] },
    },
    {
      name: 'wildcard prefix',
      code: 'FROM registry.acme.io/debian\n',
      options: { trustedRegistries: ['registry.*'] },
    },
    {
      name: 'star trusts everything',
      code: 'FROM quay.io/x/y:1\n',
      options: { trustedRegistries: ['*'] },
    },
    { name: 'scratch', code: 'FROM scratch\n', options: trusted },
    { name: 'ARG without default', code: 'ARG BASE\nFROM ${BASE}\n', options: trusted },
    {
      name: 'registries compare case-insensitively',
      code: 'FROM Trusted.COM/x:1\n',
      options: trusted,
    },
    {
      name: 'mount from trusted registry',
      code: 'RUN --mount=type=cache,from=trusted.com/repo/image:tag,target=/foo foobar\n',
      options: trusted,
    },
    {
      name: 'mount from a stage',
      code: 'FROM trusted.com/a:1 AS deps\nFROM trusted.com/b:1\nRUN --mount=type=bind,from=deps,target=/d ls /d\n',
      options: trusted,
    },
  ],
  invalid: [
    {
      code: 'FROM random.com/debian\n',
      options: hub,
      errors: [
        {
          messageId: 'untrusted',
          line: 1,
          column: 6,
          endColumn: 23,
          message:
            '`random.com/debian` comes from `random.com`, which is not a trusted registry (docker.io); use an image from a trusted registry',
        },
      ],
    },
    {
      name: 'wildcard does not match the bare domain',
      code: 'FROM x.com/debian\n',
      options: { trustedRegistries: ['*.random.com'] },
      errors: [{ messageId: 'untrusted', line: 1 }],
    },
    {
      name: 'Docker Hub image when only another registry is trusted',
      code: 'FROM debian:12\n',
      options: trusted,
      errors: [
        {
          messageId: 'untrusted',
          line: 1,
          message:
            '`debian:12` comes from `docker.io`, which is not a trusted registry (trusted.com); use an image from a trusted registry',
        },
      ],
    },
    {
      name: 'cache mount from an untrusted registry',
      code: 'RUN --mount=type=cache,from=untrusted.com/repo/image:tag,target=/foo foobar\n',
      options: trusted,
      errors: [{ messageId: 'untrusted', line: 1, column: 5 }],
    },
    {
      name: 'COPY --from an image',
      code: 'FROM trusted.com/a:1\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\n',
      options: trusted,
      errors: [{ messageId: 'untrusted', line: 2, column: 6 }],
    },
    {
      name: 'resolved from a global ARG default',
      code: 'ARG BASE=evil.io/x:1\nFROM ${BASE}\n',
      options: trusted,
      errors: [{ messageId: 'untrusted', line: 2 }],
    },
  ],
});
