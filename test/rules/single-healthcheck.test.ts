import rule from '../../rules/single-healthcheck.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM nginx:1.27\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\n',
    {
      name: 'one per stage',
      code: 'FROM a:1 AS a\nHEALTHCHECK NONE\nFROM b:1\nHEALTHCHECK CMD ["true"]\n',
    },
    { name: 'ONBUILD', code: 'FROM a:1\nHEALTHCHECK NONE\nONBUILD HEALTHCHECK CMD ["true"]\n' },
  ],
  invalid: [
    {
      code: 'FROM nginx:1.27\nHEALTHCHECK NONE\nHEALTHCHECK CMD ["true"]\n',
      errors: [
        {
          messageId: 'overridden',
          line: 2,
          message:
            'this `HEALTHCHECK` has no effect: the `HEALTHCHECK` on line 3 replaces it; remove this one',
        },
      ],
    },
  ],
});
