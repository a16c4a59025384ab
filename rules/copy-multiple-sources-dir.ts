import type { CopyInstruction } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'copy-multiple-sources-dir',
    severity: 'error',
    hadolint: 'DL3021',
    docs: {
      summary: '`COPY`/`ADD` with several sources has a destination that is not a directory.',
      rationale:
        'With more than one source the destination must be a directory, written with a trailing ' +
        '`/`; otherwise the build fails ("the destination must be a directory and end with a /"). ' +
        'A destination from a variable is skipped. `.` and `..` name directories, so unlike ' +
        'hadolint we accept them without a slash. (hadolint checks only COPY; ADD has the same ' +
        'requirement.)',
      bad: 'FROM node:22\nCOPY package.json package-lock.json /app\n',
      good: 'FROM node:22\nCOPY package.json package-lock.json /app/\n',
    },
    messages: {
      notDir:
        '`{{keyword}}` has {{count}} sources, so `{{destination}}` must be a directory; end it with `/` (`{{destination}}/`)',
    },
  },
  check(model, report) {
    for (const copy of [...model.find('COPY'), ...model.find('ADD')]) {
      const destination = copy.destination;
      if (!destination || copy.sources.length < 2 || isDirectory(copy)) continue;
      report({
        messageId: 'notDir',
        at: destination,
        data: { keyword: copy.keyword, count: copy.sources.length, destination: destination.value },
      });
    }
  },
});

function isDirectory(copy: CopyInstruction): boolean {
  const value = (copy.destination?.value ?? '').replace(/^["']|["']$/g, '');
  return /[/\\]$/.test(value) || value === '.' || value === '..' || value.includes('$');
}
