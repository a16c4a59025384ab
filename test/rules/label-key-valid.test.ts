// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text uses ${VAR}
import rule from '../../rules/label-key-valid.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nLABEL org.opencontainers.image.version=1.0.0 maintainer=me\n',
    { name: 'single word', code: 'LABEL description="a b"\n' },
    { name: 'digits and dashes', code: 'LABEL io.k8s.display-name=x com.example.v2=y\n' },
    { name: 'variable key', code: 'LABEL ${PREFIX}.version=1\n' },
    { name: 'docker namespace look-alike', code: 'LABEL com.dockerhub.x=1\n' },
  ],
  invalid: [
    {
      code: 'LABEL com.docker.Version=1\n',
      errors: [
        {
          messageId: 'invalid',
          line: 1,
          column: 7,
          endColumn: 25,
          message:
            'label key `com.docker.Version` uses a namespace reserved for Docker; use lower-case reverse-DNS keys such as `org.opencontainers.image.version`',
        },
      ],
    },
    {
      name: 'each problem',
      code: 'LABEL Version=1 1abc=2 abc.=3 a..b=4 a--b=5 "my key"=6\n',
      errors: [
        {
          messageId: 'invalid',
          line: 1,
          column: 7,
          message:
            'label key `Version` may only contain lower-case letters, digits, `.` and `-`; use lower-case reverse-DNS keys such as `org.opencontainers.image.version`',
        },
        {
          messageId: 'invalid',
          line: 1,
          column: 17,
          message:
            'label key `1abc` must start with a lower-case letter; use lower-case reverse-DNS keys such as `org.opencontainers.image.version`',
        },
        {
          messageId: 'invalid',
          line: 1,
          column: 24,
          message:
            'label key `abc.` must end with a letter or digit; use lower-case reverse-DNS keys such as `org.opencontainers.image.version`',
        },
        {
          messageId: 'invalid',
          line: 1,
          column: 31,
          message:
            'label key `a..b` must not contain `..` or `--`; use lower-case reverse-DNS keys such as `org.opencontainers.image.version`',
        },
        { messageId: 'invalid', line: 1, column: 38 },
        { messageId: 'invalid', line: 1, column: 45 },
      ],
    },
  ],
});
