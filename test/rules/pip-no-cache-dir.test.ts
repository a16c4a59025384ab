import rule from '../../rules/pip-no-cache-dir.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'declare -x in the RUN',
      code: 'RUN declare -x PIP_NO_CACHE_DIR=1 && pip install MySQL_python\n',
    },
    'FROM python:3.12-slim\nRUN pip install --no-cache-dir requests==2.32.3\n',
    { name: 'flag after the package', code: 'RUN pip install MySQL_python --no-cache-dir\n' },
    {
      name: 'python -m pip',
      code: 'RUN python3 -m pip install --no-cache-dir -r requirements.txt\n',
    },
    { name: 'pipx is not pip', code: 'RUN pipx install software\n' },
    { name: 'pipenv is not pip', code: 'RUN pipenv install library\n' },
    {
      name: 'ENV earlier in the stage',
      code: 'FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN pip install six\n',
    },
    {
      name: 'ARG earlier in the stage',
      code: 'FROM python:3.12\nARG PIP_NO_CACHE_DIR=true\nRUN pip install six\n',
    },
    {
      name: 'ENV in a stage this one builds on',
      code: 'FROM debian:buster as base\nENV PIP_NO_CACHE_DIR=1\nFROM base\nRUN pip install six\n',
    },
    { name: 'assignment prefix', code: 'RUN PIP_NO_CACHE_DIR=yes pip install MySQL_python\n' },
    {
      name: 'export in the RUN',
      code: 'RUN export PIP_NO_CACHE_DIR=on && pip install MySQL_python\n',
    },
    {
      name: 'PIP_NO_CACHE_DIR=0 disables the cache too (pip compatibility quirk)',
      code: 'RUN PIP_NO_CACHE_DIR=0 pip install MySQL_python\n',
    },
    {
      name: 'export PIP_NO_CACHE_DIR=false disables the cache too',
      code: 'RUN export PIP_NO_CACHE_DIR=false && pip install MySQL_python\n',
    },
    {
      name: 'cache mount on the pip cache',
      code: 'RUN --mount=type=cache,target=/root/.cache/pip pip install foobar\n',
    },
    {
      name: 'tmpfs mount on ~/.cache',
      code: 'RUN --mount=type=tmpfs,target=/root/.cache pip install foobar\n',
    },
    { name: 'pip uninstall', code: 'RUN pip uninstall -y foobar\n' },
    { name: 'python without -m pip', code: 'RUN python setup.py install\n' },
    {
      name: 'intermediate stage only copied from',
      code: 'FROM python:3.12 AS build\nRUN pip wheel -w /wheels six\nRUN pip install six\nFROM python:3.12-slim\nCOPY --from=build /wheels /wheels\nRUN pip install --no-cache-dir /wheels/*\n',
    },
  ],
  invalid: [
    {
      name: 'export after the install comes too late',
      code: 'RUN pip install MySQL_python && export PIP_NO_CACHE_DIR=1\n',
      errors: [{ messageId: 'keepsCache', line: 1, column: 5 }],
    },
    {
      name: 'the text export PIP_NO_CACHE_DIR in an echo is not an export',
      code: 'RUN echo "export PIP_NO_CACHE_DIR=1" >> /etc/profile && pip install MySQL_python\n',
      errors: [{ messageId: 'keepsCache', line: 1, column: 57 }],
    },
    {
      code: 'FROM python:3.12-slim\nRUN pip install requests==2.32.3\n',
      errors: [
        {
          messageId: 'keepsCache',
          line: 2,
          column: 5,
          endColumn: 33,
          message:
            '`pip install` keeps downloaded packages in ~/.cache/pip; add `--no-cache-dir`, set `ENV PIP_NO_CACHE_DIR=1`, or use a cache mount on /root/.cache/pip',
        },
      ],
    },
    {
      name: 'pip3',
      code: 'RUN pip3 install MySQL_python\n',
      errors: [{ messageId: 'keepsCache', line: 1, column: 5 }],
    },
    {
      name: 'python3 -m pip',
      code: 'RUN python3 -m pip install six\n',
      errors: [
        {
          messageId: 'keepsCache',
          line: 1,
          message:
            '`python3 -m pip install` keeps downloaded packages in ~/.cache/pip; add `--no-cache-dir`, set `ENV PIP_NO_CACHE_DIR=1`, or use a cache mount on /root/.cache/pip',
        },
      ],
    },
    {
      name: 'ENV is not inherited from an unrelated stage',
      code: 'FROM debian:buster as base\nENV PIP_NO_CACHE_DIR=1\nFROM debian:buster\nRUN pip install six\n',
      errors: [{ messageId: 'keepsCache', line: 4 }],
    },
    {
      name: 'ENV after the RUN',
      code: 'FROM python:3.12\nRUN pip install six\nENV PIP_NO_CACHE_DIR=1\n',
      errors: [{ messageId: 'keepsCache', line: 2 }],
    },
    {
      name: 'a value pip rejects is not a setting',
      code: 'RUN PIP_NO_CACHE_DIR=maybe pip install six\n',
      errors: [{ messageId: 'keepsCache', line: 1 }],
    },
    {
      name: 'cache mount elsewhere',
      code: 'RUN --mount=type=cache,target=/var/cache/foo pip install six\n',
      errors: [{ messageId: 'keepsCache', line: 1 }],
    },
    {
      name: 'global option before install',
      code: 'RUN pip --timeout 60 install six\n',
      errors: [{ messageId: 'keepsCache', line: 1 }],
    },
    {
      name: 'ONBUILD RUN',
      code: 'ONBUILD RUN pip3 install MySQL_python\n',
      errors: [{ messageId: 'keepsCache', line: 1, column: 13 }],
    },
  ],
});
