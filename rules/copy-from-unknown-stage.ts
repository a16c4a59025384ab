import type { CopyInstruction, DockerfileModel, InstructionFlag } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'copy-from-unknown-stage',
    severity: 'warning',
    hadolint: 'DL3022',
    docs: {
      summary: '`COPY --from` names no earlier stage and does not look like an image.',
      rationale:
        '`--from=<name>` that matches no earlier stage is pulled as an image of that name, so a typo ' +
        'or a stage defined further down turns into a pull of `docker.io/library/<name>`. Earlier ' +
        'stage names (case-insensitive) and numbers are fine, and so is anything that is clearly an ' +
        'image: it has a tag, a digest or a registry/path (`nginx:1.27`, `ghcr.io/acme/tools`). A ' +
        'value with a variable is skipped (hadolint issue #933), and so is `ONBUILD COPY`, whose ' +
        "stages belong to another build. A stage number must be lower than the current stage's.",
      bad: 'FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM debian:12\nCOPY --from=buidl /out/app /app\n',
      good: 'FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM debian:12\nCOPY --from=build /out/app /app\n',
    },
    messages: {
      unknown:
        '`--from={{from}}` names no earlier stage, so Docker would pull an image called `{{from}}`; fix the stage name, define the stage before this line, or give the image a tag',
      badIndex:
        '`--from={{from}}` refers to a stage that does not come before this one (this is stage {{current}}); use the number or name of an earlier stage',
    },
  },
  check(model, report) {
    for (const copy of model.find('COPY')) {
      const flag = fromFlag(copy);
      const from = flag?.value;
      if (!flag || !from || copy.isOnbuildTrigger || copy.stageIndex < 0 || from.includes('$'))
        continue;
      if (/^\d+$/.test(from)) {
        if (Number(from) > copy.stageIndex) {
          report({ messageId: 'badIndex', at: flag, data: { from, current: copy.stageIndex } });
        }
      } else if (!isEarlierStage(model, copy, from) && !looksLikeImage(from)) {
        report({ messageId: 'unknown', at: flag, data: { from } });
      }
    }
  },
});

function fromFlag(copy: CopyInstruction): InstructionFlag | undefined {
  return copy.flags.find((f) => f.name === 'from');
}

/** A stage declared up to and including the current one (its own name is copy-from-own-stage's). */
function isEarlierStage(model: DockerfileModel, copy: CopyInstruction, name: string): boolean {
  return model.findStage(name, copy.index) !== null;
}

function looksLikeImage(ref: string): boolean {
  return /[:@/]/.test(ref);
}
