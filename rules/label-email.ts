import { defineRule } from '../src/lint/rule.js';
import { labelsOfType, NO_LABEL_SCHEMA } from './helpers/labels.js';

export default defineRule({
  meta: {
    id: 'label-email',
    severity: 'warning',
    hadolint: 'DL3058',
    docs: {
      summary: 'A label the schema types as `email` is not an e-mail address.',
      rationale:
        'A label typed `email` (a maintainer or security contact) must be a bare RFC 5322 address (`team@example.com`); a display name with angle brackets or a URL is not one. The rule runs only for labels that `label-schema` types as `email`; values with variables are skipped.',
      bad: 'FROM debian:12\nLABEL maintainer=Jane-Doe-at-example.com\n',
      good: 'FROM debian:12\nLABEL maintainer=jane@example.com\n',
      options: { labelSchema: { maintainer: 'email' } },
    },
    messages: {
      notEmail:
        'label `{{key}}` is `{{value}}`, which is not an e-mail address; write just the address, e.g. `team@example.com`',
    },
    options: { labelSchema: NO_LABEL_SCHEMA },
  },
  check(model, report, options) {
    for (const label of labelsOfType(model, options.labelSchema, 'email')) {
      if (isEmailAddress(label.value)) continue;
      report({ messageId: 'notEmail', at: label, data: { key: label.key, value: label.value } });
    }
  },
});

const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN =
  /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

function isEmailAddress(value: string): boolean {
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1 || value.length > 254) return false;
  return LOCAL.test(value.slice(0, at)) && DOMAIN.test(value.slice(at + 1));
}
