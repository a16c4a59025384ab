import rule from '../../rules/single-cmd.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM busybox:1.36\nCMD ["sh"]\n',
    {
      name: 'one per stage',
      code: 'FROM busybox:1.36 AS a\nCMD ["a"]\nFROM busybox:1.36\nCMD ["b"]\n',
    },
    { name: 'ONBUILD CMD', code: 'FROM busybox:1.36\nCMD ["a"]\nONBUILD CMD ["b"]\n' },
    { name: 'CMD and ENTRYPOINT', code: 'FROM busybox:1.36\nENTRYPOINT ["a"]\nCMD ["b"]\n' },
  ],
  invalid: [
    {
      code: 'FROM busybox:1.36\nCMD ["a"]\nRUN make\nCMD ["b"]\n',
      errors: [
        {
          messageId: 'overridden',
          line: 2,
          column: 1,
          endColumn: 10,
          message: 'this `CMD` has no effect: the `CMD` on line 4 replaces it; remove this one',
        },
      ],
    },
    {
      name: 'three',
      code: 'FROM busybox:1.36\ncmd a\nCMD b\nCMD ["c"]\n',
      errors: [
        { messageId: 'overridden', line: 2 },
        { messageId: 'overridden', line: 3 },
      ],
    },
  ],
});
