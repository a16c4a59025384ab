import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'redundant-target-platform',
    severity: 'warning',
    hadolint: 'DL3065',
    docs: {
      summary: '`FROM --platform=$TARGETPLATFORM` repeats the default.',
      rationale:
        'A stage is built for the target platform unless told otherwise, so `--platform=$TARGETPLATFORM` ' +
        'only adds noise (BuildKit: RedundantTargetPlatform). `$BUILDPLATFORM` and other values are a ' +
        'different matter (see no-from-platform).',
      bad: 'FROM --platform=$TARGETPLATFORM debian:12\n',
      good: 'FROM debian:12\n',
    },
    messages: {
      redundant: '`--platform={{platform}}` is the default for every stage; remove the flag',
    },
  },
  check(model, report) {
    for (const stage of model.stages) {
      const flag = stage.from.flags.find((f) => f.name === 'platform');
      if (flag?.value && isTargetPlatform(flag.value)) {
        report({ messageId: 'redundant', at: flag, data: { platform: flag.value } });
      }
    }
  },
});

function isTargetPlatform(value: string): boolean {
  return /^(\$TARGETPLATFORM|\$\{TARGETPLATFORM\})$/.test(value.replace(/^["']|["']$/g, ''));
}
