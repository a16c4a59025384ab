// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text uses ${VAR}
import rule from '../../rules/last-user-root.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM scratch\nUSER foo\n',
    { name: 'switch back', code: 'FROM scratch\nUSER root\nRUN something\nUSER foo\n' },
    { name: 'no USER', code: 'FROM debian:12\nRUN make\n' },
    {
      name: 'root in a build stage only',
      code: 'FROM debian:12 AS build\nUSER root\nRUN make\nFROM debian:12\nCOPY --from=build /out /out\nUSER 10001\n',
    },
    {
      name: 'root build stage, final has no USER',
      code: 'FROM debian:12 AS build\nUSER root\nFROM debian:12\nCOPY --from=build /out /out\n',
    },
    { name: 'variable', code: 'FROM debian:12\nUSER ${APP_USER}\n' },
    { name: 'uid that only starts with 0', code: 'FROM debian:12\nUSER 0100\n' },
    { name: 'user named like root', code: 'FROM debian:12\nUSER rootless\n' },
    { name: 'ONBUILD USER root', code: 'FROM debian:12\nUSER app\nONBUILD USER root\n' },
    { name: 'pragma', code: 'FROM ubuntu\n# hadolint ignore=DL3002\nUSER root\n' },
  ],
  invalid: [
    {
      code: 'FROM scratch\nUSER root\n',
      errors: [
        {
          messageId: 'root',
          line: 2,
          column: 1,
          endColumn: 10,
          message:
            'the final image runs as `root`; switch to an unprivileged user (`USER 10001`) after the steps that need root',
        },
      ],
    },
    { name: 'UID', code: 'FROM scratch\nUSER 0\n', errors: [{ messageId: 'root', line: 2 }] },
    { name: 'UID:GID', code: 'FROM scratch\nUSER 0:0\n', errors: [{ messageId: 'root', line: 2 }] },
    {
      name: 'inherited through FROM <stage>',
      code: 'FROM debian as base\nUSER root\nRUN something\nFROM base\nRUN something else\n',
      errors: [{ messageId: 'root', line: 2 }],
    },
    {
      name: 'the last USER counts',
      code: 'FROM debian:12\nUSER app\nRUN make\nUSER root\n',
      errors: [{ messageId: 'root', line: 4 }],
    },
  ],
});
