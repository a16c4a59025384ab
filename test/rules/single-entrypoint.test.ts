import rule from '../../rules/single-entrypoint.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM busybox:1.36\nENTRYPOINT ["sh"]\n',
    {
      name: 'one per stage',
      code: 'FROM busybox:1.36 AS a\nENTRYPOINT ["a"]\nFROM busybox:1.36\nENTRYPOINT ["b"]\n',
    },
    {
      name: 'ONBUILD ENTRYPOINT',
      code: 'FROM busybox:1.36\nENTRYPOINT ["a"]\nONBUILD ENTRYPOINT ["b"]\n',
    },
  ],
  invalid: [
    {
      code: 'FROM busybox:1.36\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]\n',
      errors: [
        {
          messageId: 'overridden',
          line: 2,
          message:
            'this `ENTRYPOINT` has no effect: the `ENTRYPOINT` on line 3 replaces it; remove this one',
        },
      ],
    },
  ],
});
