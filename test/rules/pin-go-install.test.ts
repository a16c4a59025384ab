// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text uses ${VAR}
import rule from '../../rules/pin-go-install.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@v0.16.2\n',
    { name: 'commit', code: 'RUN go install github.com/go-delve/delve/cmd/dlv@5f2a0b1\n' },
    { name: 'local packages', code: 'RUN go install . ./cmd/... /src/tool\n' },
    { name: 'no packages', code: 'RUN go install\n' },
    { name: 'standard library / same module', code: 'RUN go install cmd/go mytool/cmd/x\n' },
    {
      name: 'flag values are not packages',
      code: 'RUN CGO_ENABLED=0 go install -tags netgo -ldflags "-s -w" github.com/x/y@v1.0.0\n',
    },
    { name: 'package from a variable', code: 'RUN go install ${TOOL}@${VERSION}\n' },
    { name: 'go build', code: 'RUN go build -o /bin/app github.com/x/y\n' },
  ],
  invalid: [
    {
      code: 'FROM golang:1.23\nRUN go install golang.org/x/tools/gopls\n',
      errors: [
        {
          messageId: 'unpinned',
          line: 2,
          column: 16,
          endColumn: 40,
          message:
            '`golang.org/x/tools/gopls` is not pinned in `go install`; use `golang.org/x/tools/gopls@<version>`',
        },
      ],
    },
    {
      name: '@latest is not a pin',
      code: 'RUN go install github.com/x/y@latest\n',
      errors: [
        {
          messageId: 'unpinned',
          line: 1,
          message:
            '`github.com/x/y@latest` is not pinned in `go install`; use `github.com/x/y@<version>`',
        },
      ],
    },
    {
      name: 'after a flag with a value',
      code: 'RUN go install -ldflags=-s -tags netgo github.com/x/y\n',
      errors: [{ messageId: 'unpinned', line: 1, column: 40 }],
    },
    {
      name: 'ONBUILD RUN',
      code: 'ONBUILD RUN go install github.com/x/y\n',
      errors: [{ messageId: 'unpinned', line: 1, column: 24 }],
    },
  ],
});
