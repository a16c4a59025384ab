// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text uses ${VAR}
import rule from '../../rules/label-git-hash.js';
import { ruleTester } from '../helpers/rule-tester.js';

const key = 'org.opencontainers.image.revision';
const schema = { labelSchema: { [key]: 'hash' } };
const label = (value: string) => `FROM debian:12\nLABEL ${key}=${value}\n`;

ruleTester(rule, {
  valid: [
    { name: 'off without a schema', code: label('main') },
    {
      name: 'full SHA-1',
      code: label('8f936c5e2c1a4b0d9e7f6a5b4c3d2e1f0a9b8c7d'),
      options: schema,
    },
    { name: 'short', code: label('8f936c5'), options: schema },
    { name: 'variable', code: label('${GIT_COMMIT}'), options: schema },
  ],
  invalid: [
    {
      code: label('main'),
      options: schema,
      errors: [
        {
          messageId: 'notHash',
          line: 2,
          column: 7,
          message:
            'label `org.opencontainers.image.revision` is `main`, which is not a git commit hash; use the full hash (`git rev-parse HEAD`)',
        },
      ],
    },
    {
      name: 'too short',
      code: label('8f936c'),
      options: schema,
      errors: [{ messageId: 'notHash', line: 2 }],
    },
    {
      name: 'not hex',
      code: label('8f936c5z'),
      options: schema,
      errors: [{ messageId: 'notHash', line: 2 }],
    },
  ],
});
