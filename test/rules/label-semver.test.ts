// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text uses ${VAR}
import rule from '../../rules/label-semver.js';
import { ruleTester } from '../helpers/rule-tester.js';

const key = 'org.opencontainers.image.version';
const schema = { labelSchema: { [key]: 'semver' } };
const label = (value: string) => `FROM debian:12\nLABEL ${key}=${value}\n`;

ruleTester(rule, {
  valid: [
    { name: 'off without a schema', code: label('v1.2') },
    { name: 'plain', code: label('1.2.0'), options: schema },
    { name: 'pre-release and build', code: label('1.0.0-rc.1+build.5'), options: schema },
    { name: 'variable (hadolint flags it)', code: label('${VERSION}'), options: schema },
  ],
  invalid: [
    {
      code: label('v1.2'),
      options: schema,
      errors: [
        {
          messageId: 'notSemver',
          line: 2,
          column: 7,
          message:
            'label `org.opencontainers.image.version` is `v1.2`, which is not a semantic version; use `MAJOR.MINOR.PATCH` such as `1.2.0` (no `v` prefix)',
        },
      ],
    },
    {
      name: 'leading zero',
      code: label('01.2.3'),
      options: schema,
      errors: [{ messageId: 'notSemver', line: 2 }],
    },
    {
      name: 'v prefix',
      code: label('v1.2.3'),
      options: schema,
      errors: [{ messageId: 'notSemver', line: 2 }],
    },
  ],
});
