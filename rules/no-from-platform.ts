import type { InstructionFlag } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'no-from-platform',
    severity: 'warning',
    hadolint: 'DL3029',
    docs: {
      summary: '`FROM --platform` is set to a fixed platform.',
      rationale:
        'A constant `--platform=linux/amd64` pins the stage to one architecture, so a multi-platform ' +
        'build silently ships (or emulates) the wrong one; let the build choose. Values built from ' +
        'variables are fine: `$BUILDPLATFORM` for cross-compiling build stages, `$TARGETPLATFORM`, or ' +
        'an ARG the caller sets. hadolint flags any variable other than BUILDPLATFORM/TARGETPLATFORM; ' +
        "like BuildKit's FromPlatformFlagConstDisallowed check, we flag only constants.",
      bad: 'FROM --platform=linux/amd64 debian:12\n',
      good: 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n',
    },
    messages: {
      constant:
        '`--platform={{platform}}` pins this stage to one platform; remove it, or use `$BUILDPLATFORM` for a stage that only runs build tools',
    },
  },
  check(model, report) {
    for (const stage of model.stages) {
      const flag = platformFlag(stage.from.flags);
      if (flag?.value && !flag.value.includes('$')) {
        report({ messageId: 'constant', at: flag, data: { platform: flag.value } });
      }
    }
  },
});

function platformFlag(flags: readonly InstructionFlag[]): InstructionFlag | undefined {
  return flags.find((f) => f.name === 'platform');
}
