import type { DockerfileModel, Stage } from '../src/dockerfile/index.js';
import { baseStages, is } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'copy-relative-dest',
    severity: 'warning',
    hadolint: 'DL3045',
    docs: {
      summary: '`COPY` to a relative path before any `WORKDIR` in the stage.',
      rationale:
        'A relative destination is resolved against the working directory, which, until the stage ' +
        'sets one, is whatever the base image chose (`/` for most, `/go` or `/usr/src/app` for ' +
        'others) and can change when the base image does. Set `WORKDIR` first or write an absolute ' +
        'path. A `WORKDIR` in a stage this one builds on counts. Destinations from variables and ' +
        'Windows drive paths are skipped, as is `ONBUILD COPY`.',
      bad: 'FROM node:22\nCOPY package.json .\n',
      good: 'FROM node:22\nWORKDIR /app\nCOPY package.json .\n',
    },
    messages: {
      relative:
        '`{{destination}}` is relative, but no `WORKDIR` is set yet, so it depends on the base image; add `WORKDIR <dir>` before this line or use an absolute path',
    },
  },
  check(model, report) {
    for (const stage of model.stages) {
      let hasWorkdir = inheritsWorkdir(model, stage);
      for (const instruction of stage.instructions) {
        if (instruction.keyword === 'WORKDIR') hasWorkdir = true;
        if (!is(instruction, 'COPY') || hasWorkdir) continue;
        const destination = instruction.destination;
        if (destination && isRelative(destination.value)) {
          report({
            messageId: 'relative',
            at: destination,
            data: { destination: destination.value },
          });
        }
      }
    }
  },
});

function inheritsWorkdir(model: DockerfileModel, stage: Stage): boolean {
  return baseStages(model, stage).some((base) =>
    base.instructions.some((i) => i.keyword === 'WORKDIR'),
  );
}

function isRelative(path: string): boolean {
  const value = path.replace(/^["']|["']$/g, '');
  return !(
    value.startsWith('/') ||
    value.startsWith('$') ||
    /^[a-zA-Z]:[\\/]/.test(value) ||
    value.startsWith('\\')
  );
}
