import { defineRule } from '../src/lint/rule.js';
import { labelsOfType, NO_LABEL_SCHEMA } from './helpers/labels.js';

export default defineRule({
  meta: {
    id: 'label-rfc3339',
    severity: 'warning',
    hadolint: 'DL3053',
    docs: {
      summary: 'A label the schema types as `rfc3339` is not an RFC 3339 timestamp.',
      rationale:
        'Labels such as `org.opencontainers.image.created` must be RFC 3339 date-times (`2024-05-01T12:00:00Z`, with `T` or a space, seconds, and a `Z` or `±hh:mm` offset) so tools can sort and compare them. Month, day and time ranges are checked too. The rule runs only for labels that `label-schema` types as `rfc3339`; values with variables (`$BUILD_DATE`) are skipped.',
      bad: 'FROM debian:12\nLABEL org.opencontainers.image.created=2024-05-01\n',
      good: 'FROM debian:12\nLABEL org.opencontainers.image.created=2024-05-01T12:00:00Z\n',
      options: { labelSchema: { 'org.opencontainers.image.created': 'rfc3339' } },
    },
    messages: {
      notRfc3339:
        'label `{{key}}` is `{{value}}`, which is not an RFC 3339 date-time; use e.g. `2024-05-01T12:00:00Z` (`date -u +%Y-%m-%dT%H:%M:%SZ`)',
    },
    options: { labelSchema: NO_LABEL_SCHEMA },
  },
  check(model, report, options) {
    for (const label of labelsOfType(model, options.labelSchema, 'rfc3339')) {
      if (isRfc3339DateTime(label.value)) continue;
      report({ messageId: 'notRfc3339', at: label, data: { key: label.key, value: label.value } });
    }
  },
});

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/;

function isRfc3339DateTime(value: string): boolean {
  const m = RFC3339.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as number[];
  const daysInMonth = new Date(Date.UTC(year ?? 0, month ?? 0, 0)).getUTCDate();
  const offsetOk = m[9] === undefined || (Number(m[9]) <= 23 && Number(m[10]) <= 59);
  return (
    (month ?? 0) >= 1 &&
    (month ?? 0) <= 12 &&
    (day ?? 0) >= 1 &&
    (day ?? 0) <= daysInMonth &&
    (hour ?? 0) <= 23 &&
    (minute ?? 0) <= 59 &&
    (second ?? 0) <= 60 &&
    offsetOk
  );
}
