import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'workdir-absolute',
    severity: 'error',
    hadolint: 'DL3000',
    docs: {
      summary: 'WORKDIR is given a relative path.',
      rationale:
        'A relative WORKDIR is resolved against whatever the previous WORKDIR was, which may come ' +
        'from the base image and change with it. Absolute paths (`/app`, or `C:\\app` on Windows) ' +
        'say what they mean; paths starting with a variable are not checked.',
      bad: 'FROM alpine:3.20\nWORKDIR app\n',
      good: 'FROM alpine:3.20\nWORKDIR /app\n',
    },
    messages: {
      relative: 'WORKDIR `{{path}}` is relative; use an absolute path such as `/{{path}}`',
    },
  },
  check(model, report) {
    for (const workdir of model.find('WORKDIR')) {
      if (workdir.path === '' || isAbsolute(workdir.path) || startsWithVariable(workdir.path)) {
        continue;
      }
      report({ messageId: 'relative', at: workdir, data: { path: workdir.path } });
    }
  },
});

function isAbsolute(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\');
}

function startsWithVariable(path: string): boolean {
  return path.startsWith('$');
}
