import type { DockerfileModel, Stage, UserInstruction } from '../src/dockerfile/index.js';
import { baseStages, is } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'last-user-root',
    severity: 'warning',
    hadolint: 'DL3002',
    docs: {
      summary: 'The final image runs as root.',
      rationale:
        'A process running as root inside the container is root on the host if it escapes. The rule ' +
        'looks at the `USER` that is in effect at the end of the final stage, following `FROM <stage>` ' +
        'back through earlier stages; build stages that only feed `COPY --from` may run as root. ' +
        '`USER root`, `USER 0` and `USER 0:0` count as root; a `USER` with a variable is unknown. An ' +
        "image with no `USER` at all keeps its base image's user and is not flagged.",
      bad: 'FROM debian:12\nUSER root\nRUN apt-get update\n',
      good: 'FROM debian:12\nUSER root\nRUN apt-get update\nUSER 10001\n',
    },
    messages: {
      root: 'the final image runs as `{{user}}`; switch to an unprivileged user (`USER 10001`) after the steps that need root',
    },
  },
  check(model, report) {
    const last = model.stages.at(-1);
    const user = last ? effectiveUser(model, last) : null;
    if (user && isRoot(user.user)) {
      report({
        messageId: 'root',
        at: user,
        data: { user: user.args.map((a) => a.value).join(' ') },
      });
    }
  },
});

/** The last `USER` of the stage, or of the stage it builds on. */
function effectiveUser(model: DockerfileModel, stage: Stage): UserInstruction | null {
  for (const current of [stage, ...baseStages(model, stage)]) {
    const last = current.instructions.findLast((i) => is(i, 'USER'));
    if (last) return last;
  }
  return null;
}

function isRoot(user: string): boolean {
  return user === 'root' || /^0+$/.test(user);
}
