import rule from '../../rules/apt-lists-cleanup.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    {
      name: 'intermediate stage nobody builds on',
      code: 'FROM ubuntu:22.04 as foo\nRUN apt-get update && apt-get install python\nFROM scratch\nRUN echo hey!\n',
    },
    {
      name: 'intermediate stage only copied from',
      code: 'FROM ubuntu:22.04 AS build\nRUN apt-get update && apt-get install -y gcc\nFROM scratch\nCOPY --from=build /out /out\n',
    },
    {
      name: 'reused stage that cleans up',
      code: 'FROM ubuntu:22.04 as foo\nRUN apt-get update && apt-get install python && rm -rf /var/lib/apt/lists/*\nFROM foo\nRUN hey!\n',
    },
    {
      name: 'cache mount on the lists directory',
      code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists \\\n    apt-get update && apt-get install python\n',
    },
    {
      name: 'cache mounts on both apt directories',
      code: 'RUN --mount=type=cache,target=/var/cache/apt \\\n    --mount=type=cache,target=/var/lib/apt \\\n    apt-get update && apt-get install foo\n',
    },
    {
      name: 'tmpfs and cache mounts',
      code: 'RUN \\\n  --mount=type=tmpfs,target=/var/cache/apt \\\n  --mount=type=cache,target=/var/lib/apt \\\n  apt-get update\n',
    },
    {
      name: 'apt cleanup',
      code: 'FROM scratch\nRUN apt update && apt install python && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'cleanup on a continuation line after a comment',
      code: 'FROM debian:12\nRUN apt-get update \\\n# install\n && apt-get install -y curl \\\n && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'heredoc RUN that cleans up',
      code: 'FROM debian:12\nRUN <<EOF\nset -e\napt-get update\napt-get install -y curl\nrm -rf /var/lib/apt/lists/*\nEOF\n',
    },
    {
      name: 'update is an argument, not a subcommand of apt',
      code: 'FROM debian:12\nRUN echo apt-get update\n',
    },
    {
      name: 'apt-get dist-clean removes the lists (Debian trixie images)',
      code: 'FROM debian:13\nRUN set -eux; \\\n\tapt-get update; \\\n\tapt-get install -y --no-install-recommends tzdata; \\\n\tapt-get dist-clean\n',
    },
    { name: 'apt-get install alone', code: 'FROM debian:12\nRUN apt-get install -y curl\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
      errors: [
        {
          messageId: 'leftInLayer',
          line: 2,
          column: 5,
          endColumn: 19,
          message:
            '`apt-get update` leaves package lists in the layer; add `&& rm -rf /var/lib/apt/lists/*` to the same RUN, or use a cache mount on /var/lib/apt/lists',
        },
      ],
    },
    {
      name: 'last stage',
      code: 'FROM ubuntu:22.04 as foo\nRUN hey!\nFROM scratch\nRUN apt-get update && apt-get install python\n',
      errors: [{ messageId: 'leftInLayer', line: 4 }],
    },
    {
      name: 'intermediate stage a later FROM builds on',
      code: 'FROM ubuntu:22.04 as foo\nRUN apt-get update && apt-get install python\nFROM foo\nRUN hey!\n',
      errors: [{ messageId: 'leftInLayer', line: 2 }],
    },
    {
      name: 'cache mount on /var/cache/apt only',
      code: 'RUN --mount=type=cache,target=/var/cache/apt \\\n    rm -f /etc/apt/apt.conf.d/docker-clean && \\\n    apt-get update && apt-get install python\n',
      errors: [{ messageId: 'leftInLayer', line: 3, column: 5 }],
    },
    {
      name: 'apt-get clean keeps the lists',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && apt-get clean\n',
      errors: [{ messageId: 'leftInLayer', line: 2 }],
    },
    {
      name: 'an unrelated rm -rf is not cleanup',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /tmp/*\n',
      errors: [{ messageId: 'leftInLayer', line: 2 }],
    },
    {
      name: 'cleanup in a later RUN does not shrink the layer',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*\n',
      errors: [{ messageId: 'leftInLayer', line: 2 }],
    },
    {
      name: 'apt and the update on a continuation line',
      code: 'FROM debian:12\nRUN set -eux; \\\n    apt update; \\\n    apt install -y curl\n',
      errors: [
        {
          messageId: 'leftInLayer',
          line: 3,
          column: 5,
          message:
            '`apt update` leaves package lists in the layer; add `&& rm -rf /var/lib/apt/lists/*` to the same RUN, or use a cache mount on /var/lib/apt/lists',
        },
      ],
    },
    {
      name: 'heredoc body',
      code: 'FROM debian:12\nRUN <<EOF\nset -e\napt-get update\napt-get install -y curl\nEOF\n',
      errors: [{ messageId: 'leftInLayer', line: 4, column: 1 }],
    },
    {
      name: 'ONBUILD RUN, even in an unused stage',
      code: 'FROM debian:12 AS base\nONBUILD RUN apt-get update && apt-get install -y curl\nFROM scratch\n',
      errors: [{ messageId: 'leftInLayer', line: 2, column: 13 }],
    },
    {
      name: 'exec form through sh -c',
      code: 'FROM debian:12\nRUN ["/bin/sh", "-c", "apt-get update && apt-get install -y curl"]\n',
      errors: [{ messageId: 'leftInLayer', line: 2 }],
    },
  ],
});
