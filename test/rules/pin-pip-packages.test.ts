// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text uses ${VAR}
import rule from '../../rules/pin-pip-packages.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM python:3.12-slim\nRUN pip install --no-cache-dir requests==2.32.3\n',
    { name: 'requirements file', code: 'RUN pip install -r requirements.txt\n' },
    { name: 'local project', code: 'RUN pip install .\n' },
    { name: 'local wheel', code: 'RUN pip3 install mypkg.whl\n' },
    { name: 'local sdist', code: 'RUN pip3 install dist/mypkg-1.0.tar.gz\n' },
    { name: 'specifiers', code: "RUN pip install 'a>=0.7' 'b<1' 'c!=2' d~=1.2 e===1.0\n" },
    { name: 'extras with a pin', code: 'RUN pip install "uvicorn[standard]==0.30.6"\n' },
    {
      name: 'option values are not packages',
      code: 'RUN pip3 install --target /opt/y --trusted-host host --index-url https://eg.com/foo yamllint==1.20.0\n',
    },
    {
      name: 'VCS URL pinned to a tag',
      code: 'RUN pip install git+ssh://github.com/rtfd/r-ext.git@0.6-alpha#egg=r-ext\n',
    },
    {
      name: 'VCS URL with a user, pinned',
      code: 'RUN pip install git+ssh://git@github.com/org/repo.git@3f2a1bc\n',
    },
    { name: 'archive URL', code: 'RUN pip install https://foo.bar/baz.zip\n' },
    { name: 'constraints file', code: 'RUN pip install pykafka -c constraints.txt\n' },
    { name: 'python -m pip pinned', code: 'RUN python -m pip install example==1.2.2\n' },
    { name: 'pipenv is not pip', code: 'RUN pipenv install black\n' },
    {
      name: 'pipx --python value',
      code: 'RUN pipx install --python "$(which python)" "poetry==1.8.5"\n',
    },
    { name: 'pipx --spec', code: 'RUN pipx install --spec black==24.8.0 black\n' },
    { name: 'packages from a variable', code: 'RUN pip install $PACKAGES "${EXTRA}"\n' },
    { name: 'editable install', code: 'RUN pip install -e .\n' },
    { name: 'pip uninstall', code: 'RUN pip uninstall -y requests\n' },
  ],
  invalid: [
    {
      code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir requests\n',
      errors: [
        {
          messageId: 'unpinned',
          line: 2,
          column: 32,
          endColumn: 40,
          message: '`requests` is not pinned in `pip install`; use `requests==<version>`',
        },
      ],
    },
    {
      name: 'each unpinned package',
      code: 'RUN pip install --upgrade pip setuptools==75.1.0 wheel\n',
      errors: [
        { messageId: 'unpinned', line: 1, column: 27 },
        { messageId: 'unpinned', line: 1, column: 50 },
      ],
    },
    {
      name: 'python3 -m pip',
      code: 'RUN python3 -m pip install example\n',
      errors: [
        {
          messageId: 'unpinned',
          line: 1,
          message: '`example` is not pinned in `python3 -m pip install`; use `example==<version>`',
        },
      ],
    },
    {
      name: 'VCS URL without a revision',
      code: 'RUN pip install git+ssh://git@github.com/rtfd/read-ext.git#egg=read-ext\n',
      errors: [
        {
          messageId: 'unpinnedVcs',
          line: 1,
          message:
            '`git+ssh://git@github.com/rtfd/read-ext.git#egg=read-ext` does not pin a revision in `pip install`; add `@<tag or commit>` to the repository URL',
        },
      ],
    },
    {
      name: 'extras without a pin',
      code: 'RUN pip install "uvicorn[standard]"\n',
      errors: [{ messageId: 'unpinned', line: 1, column: 17 }],
    },
    {
      name: '--flag=value does not swallow the package',
      code: 'RUN pip install --root-user-action=ignore mypkg\n',
      errors: [{ messageId: 'unpinned', line: 1 }],
    },
    {
      name: 'pipx',
      code: 'RUN pipx install black\n',
      errors: [
        {
          messageId: 'unpinned',
          line: 1,
          message: '`black` is not pinned in `pipx install`; use `black==<version>`',
        },
      ],
    },
    {
      name: 'requirements plus an unpinned package',
      code: 'RUN pip install -r requirements.txt gunicorn\n',
      errors: [{ messageId: 'unpinned', line: 1 }],
    },
    {
      name: 'ONBUILD RUN',
      code: 'ONBUILD RUN pip install MySQL_python\n',
      errors: [{ messageId: 'unpinned', line: 1, column: 25 }],
    },
  ],
});
