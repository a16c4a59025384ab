import type { KeyValue } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'label-key-valid',
    severity: 'style',
    hadolint: 'DL3048',
    docs: {
      summary: "A label key breaks Docker's key format guidelines.",
      rationale:
        'Docker asks label keys to be lower-case letters, digits, `.` and `-`, to start with a letter ' +
        'and end with a letter or digit, to have no `..` or `--`, and to leave the `com.docker.*`, ' +
        '`io.docker.*` and `org.dockerproject.*` namespaces to Docker. Tools that filter by label ' +
        '(`docker ps --filter label=…`, Kubernetes selectors, registries) then behave predictably. ' +
        'Keys built from variables are skipped. This rule needs no label schema.',
      bad: 'FROM debian:12\nLABEL com.docker.Version=1\n',
      good: 'FROM debian:12\nLABEL org.opencontainers.image.version=1.0.0\n',
    },
    messages: {
      invalid:
        'label key `{{key}}` {{problem}}; use lower-case reverse-DNS keys such as `org.opencontainers.image.version`',
    },
  },
  check(model, report) {
    for (const pair of model.find('LABEL').flatMap((l) => l.pairs)) {
      const problem = keyProblem(pair);
      if (problem)
        report({ messageId: 'invalid', at: pair.keyRange, data: { key: pair.key, problem } });
    }
  },
});

const RESERVED = ['com.docker.', 'io.docker.', 'org.dockerproject.'];

function keyProblem({ key }: KeyValue): string | null {
  if (key.includes('$')) return null;
  if (RESERVED.some((ns) => key.toLowerCase().startsWith(ns)))
    return 'uses a namespace reserved for Docker';
  if (!/^[a-z0-9.-]*$/.test(key)) return 'may only contain lower-case letters, digits, `.` and `-`';
  if (!/^[a-z]/.test(key)) return 'must start with a lower-case letter';
  if (!/[a-z0-9]$/.test(key)) return 'must end with a letter or digit';
  if (/\.\.|--/.test(key)) return 'must not contain `..` or `--`';
  return null;
}
