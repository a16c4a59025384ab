import rule from '../../rules/pipefail.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM scratch as build\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nRUN wget -O - https://some.site | wc -l file > /number\n',
    {
      name: 'zsh',
      code: 'FROM scratch as build\nSHELL ["/bin/zsh", "-o", "pipefail", "-c"]\nRUN wget -O - https://some.site | wc -l file > /number\n',
    },
    {
      name: '/usr/bin/bash',
      code: 'FROM scratch as build\nSHELL ["/usr/bin/bash", "-o", "pipefail", "-c"]\nRUN wget -O - https://some.site | wc -l file > /number\n',
    },
    {
      name: 'pwsh',
      code: 'FROM scratch as build\nSHELL ["pwsh", "-c"]\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value\n',
    },
    {
      name: 'busybox sh with -o pipefail (hadolint flags it)',
      code: 'FROM alpine:3.20\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\nRUN echo "kaka" | sed \'s/a/o/g\' >> /root/afile\n',
    },
    { name: 'no pipe', code: 'FROM debian:12\nRUN a && b || c\n' },
    {
      name: 'set -o pipefail in the RUN',
      code: 'FROM debian:12\nRUN set -euo pipefail && curl -fsSL x | sh\n',
    },
    {
      name: 'exec form with -o pipefail',
      code: 'FROM debian:12\nRUN ["/bin/bash", "-o", "pipefail", "-c", "curl x | sh"]\n',
    },
    {
      name: 'inherited from the base stage',
      code: 'FROM debian:12 AS base\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM base\nRUN curl x | sh\n',
    },
    { name: 'pipe inside a quoted string', code: 'FROM debian:12\nRUN echo "a | b"\n' },
    { name: 'fed by echo', code: 'FROM debian:12\nRUN echo "$sum *go.tgz" | sha256sum -c -\n' },
    {
      name: 'fed by printf, over lines',
      code: 'FROM debian:12\nRUN set -eux; \\\n  printf "%s\\n" a b \\\n  | sort -u > /x\n',
    },
  ],
  invalid: [
    {
      name: '|& is a pipe too',
      code: 'FROM debian:12\nRUN make 2>&1 |& tee build.log\n',
      errors: [{ messageId: 'noPipefail', line: 2, column: 5 }],
    },
    {
      name: 'a subshell feeding a pipe',
      code: 'FROM debian:12\nRUN (curl -fsSL https://example.com/x.tgz) | tar xz\n',
      errors: [{ messageId: 'noPipefail', line: 2, column: 6 }],
    },
    {
      code: 'FROM scratch\nRUN wget -O - https://some.site | wc -l > /number\n',
      errors: [
        {
          messageId: 'noPipefail',
          line: 2,
          column: 5,
          message:
            'without pipefail, a failure of `wget` in this pipe is ignored; add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN, or start it with `set -o pipefail &&`',
        },
      ],
    },
    {
      name: 'SHELL changed back',
      code: 'FROM scratch as build\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN wget -O - https://some.site | wc -l file > /number\nSHELL ["/bin/sh", "-c"]\nRUN wget -O - https://some.site | wc -l file > /number\n',
      errors: [{ messageId: 'noPipefail', line: 5 }],
    },
    {
      name: 'new stage resets the shell',
      code: 'FROM debian:12 AS a\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM debian:12\nRUN curl x | sh\n',
      errors: [{ messageId: 'noPipefail', line: 4 }],
    },
    {
      name: 'set -o pipefail after the pipe',
      code: 'FROM debian:12\nRUN curl x | sh && set -o pipefail\n',
      errors: [{ messageId: 'noPipefail', line: 2 }],
    },
    {
      name: 'echo pipe, then a risky one',
      code: 'FROM debian:12\nRUN echo x | sha256sum -c - && curl -fsSL https://x | tar xz\n',
      errors: [{ messageId: 'noPipefail', line: 2, column: 32 }],
    },
    {
      name: 'three-command pipe fed by echo',
      code: 'FROM debian:12\nRUN echo x | grep -v y | wc -l\n',
      errors: [{ messageId: 'noPipefail', line: 2, column: 5 }],
    },
    {
      name: 'ONBUILD RUN',
      code: 'FROM debian:12\nONBUILD RUN curl x | sh\n',
      errors: [{ messageId: 'noPipefail', line: 2, column: 13 }],
    },
  ],
});
