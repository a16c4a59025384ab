import type { CopyInstruction, DockerfileModel, InstructionFlag } from '../src/dockerfile/index.js';
import { sameStageName } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'copy-from-own-stage',
    severity: 'error',
    hadolint: 'DL3023',
    docs: {
      summary: '`COPY --from` names the stage it is in.',
      rationale:
        'A stage cannot copy from itself: the build fails with a dependency cycle (or, in older ' +
        'builders, pulls an image of that name). Copy from the stage that produced the files, or use ' +
        "a plain `COPY`/`RUN cp` within the stage. The stage's number counts as well as its name " +
        '(hadolint checks only the name); `ONBUILD COPY` runs in another build and is skipped.',
      bad: 'FROM golang:1.22 AS build\nCOPY --from=build /src/app /app\n',
      good: 'FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static\nCOPY --from=build /out/app /app\n',
    },
    messages: {
      ownStage:
        '`--from={{from}}` is the stage this COPY is in; copy from the stage that built the files instead',
    },
  },
  check(model, report) {
    for (const copy of model.find('COPY')) {
      const flag = fromFlag(copy);
      if (flag?.value && !copy.isOnbuildTrigger && isOwnStage(model, copy, flag.value)) {
        report({ messageId: 'ownStage', at: flag, data: { from: flag.value } });
      }
    }
  },
});

function fromFlag(copy: CopyInstruction): InstructionFlag | undefined {
  return copy.flags.find((f) => f.name === 'from');
}

function isOwnStage(model: DockerfileModel, copy: CopyInstruction, ref: string): boolean {
  const stage = model.stageOf(copy);
  if (!stage) return false;
  if (/^\d+$/.test(ref)) return Number(ref) === stage.index;
  return stage.name !== null && sameStageName(stage.name, ref);
}
