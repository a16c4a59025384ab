// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text uses ${VAR}
import rule from '../../rules/pin-npm-packages.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM node:20\nRUN npm install -g pm2@5.4.2\n',
    { name: 'from package.json', code: 'RUN npm install --progress=false\n' },
    { name: 'npm ci', code: 'RUN npm ci --omit=dev\n' },
    {
      name: 'scoped with a range',
      code: 'RUN npm install @myorg/privatepackage@">=0.1.0 <0.2.0"\n',
    },
    { name: 'several pinned', code: 'RUN npm install express@"4.1.1" sax@0.1.1\n' },
    { name: 'tarball', code: 'RUN npm install package-v1.2.3.tgz\n' },
    { name: 'folders', code: 'RUN npm install /folder ../folder ~/folder ./x\n' },
    {
      name: 'git URLs with a commit-ish',
      code: 'RUN npm install git+ssh://git@github.com:npm/npm.git#v1.0.27 git+http://isaacs@github.com/npm/npm#semver:^5.0\n',
    },
    { name: 'GitHub shorthand with a tag', code: 'RUN npm install expressjs/express#4.21.1\n' },
    { name: 'tarball URL', code: 'RUN npm install https://registry.example.com/x/-/x-1.0.0.tgz\n' },
    {
      name: 'option values are not packages',
      code: 'RUN npm install --loglevel verbose --registry https://example.com sax@0.1.1\n',
    },
    { name: 'packages from a variable', code: 'RUN npm install -g $TOOLS "${EXTRA}"\n' },
    { name: 'npm run', code: 'RUN npm run build express\n' },
  ],
  invalid: [
    {
      code: 'FROM node:20\nRUN npm install -g pm2\n',
      errors: [
        {
          messageId: 'unpinned',
          line: 2,
          column: 20,
          endColumn: 23,
          message: '`pm2` is not pinned in `npm install`; use `pm2@<version>`',
        },
      ],
    },
    {
      name: 'one of several',
      code: 'RUN npm install express sax@0.1.1\n',
      errors: [{ messageId: 'unpinned', line: 1, column: 17 }],
    },
    {
      name: 'scoped',
      code: 'RUN npm i @myorg/privatepackage\n',
      errors: [
        {
          messageId: 'unpinned',
          line: 1,
          message:
            '`@myorg/privatepackage` is not pinned in `npm i`; use `@myorg/privatepackage@<version>`',
        },
      ],
    },
    {
      name: '@latest is not a pin',
      code: 'RUN npm install -g npm@latest\n',
      errors: [
        {
          messageId: 'unpinned',
          line: 1,
          message: '`npm@latest` is not pinned in `npm install`; use `npm@<version>`',
        },
      ],
    },
    {
      name: 'git URL without a commit',
      code: 'RUN npm install git://github.com/npm/npm.git\n',
      errors: [
        {
          messageId: 'unpinnedGit',
          line: 1,
          message:
            '`git://github.com/npm/npm.git` does not pin a commit in `npm install`; add `#<tag or commit>` to the URL',
        },
      ],
    },
    {
      name: 'GitHub shorthand without a tag',
      code: 'RUN npm install expressjs/express\n',
      errors: [{ messageId: 'unpinnedGit', line: 1, column: 17 }],
    },
    {
      name: '--registry=value does not swallow the package',
      code: 'RUN npm install --registry=https://example.com express\n',
      errors: [{ messageId: 'unpinned', line: 1 }],
    },
    {
      name: 'ONBUILD RUN',
      code: 'ONBUILD RUN npm install --global express\n',
      errors: [{ messageId: 'unpinned', line: 1, column: 34 }],
    },
  ],
});
