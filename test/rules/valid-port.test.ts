// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text uses ${VAR}
import rule from '../../rules/valid-port.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'EXPOSE 65535\n',
    { name: 'range and protocol', code: 'EXPOSE 8000-8010/tcp 53/udp\n' },
    { name: 'variable', code: 'EXPOSE ${PORT}\n' },
    { name: 'stage pragma', code: '# hadolint stage ignore=DL3011\nFROM ubuntu\nEXPOSE 80000\n' },
  ],
  invalid: [
    {
      code: 'EXPOSE 80000\n',
      errors: [
        {
          messageId: 'outOfRange',
          line: 1,
          column: 8,
          endColumn: 13,
          message: 'port `80000` is outside 0–65535; use a valid port number',
        },
      ],
    },
    {
      name: 'range end',
      code: 'EXPOSE 65530-65540/udp\n',
      errors: [{ messageId: 'outOfRange', line: 1 }],
    },
    {
      name: 'backwards range',
      code: 'EXPOSE 9000-8000\n',
      errors: [
        {
          messageId: 'backwards',
          line: 1,
          message: 'port range `9000-8000` ends before it starts; write it low-high',
        },
      ],
    },
    {
      name: 'stage pragma covers only its stage',
      code: '# hadolint stage ignore=DL3011\nFROM ubuntu\nEXPOSE 80000\nFROM ubuntu\nEXPOSE 80000\n',
      errors: [{ messageId: 'outOfRange', line: 5 }],
    },
  ],
});
