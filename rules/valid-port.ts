import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'valid-port',
    severity: 'error',
    hadolint: 'DL3011',
    docs: {
      summary: '`EXPOSE` names a port outside 0–65535.',
      rationale:
        'TCP and UDP ports are 16-bit numbers; Docker rejects anything above 65535 when the image ' +
        'runs. Ranges (`8000-8010`) are checked at both ends and must not run backwards. Ports ' +
        'from variables (`$PORT`) are skipped.',
      bad: 'FROM nginx:1.27\nEXPOSE 80000\n',
      good: 'FROM nginx:1.27\nEXPOSE 8000\n',
    },
    messages: {
      outOfRange: 'port `{{port}}` is outside 0–65535; use a valid port number',
      backwards: 'port range `{{port}}` ends before it starts; write it low-high',
    },
  },
  check(model, report) {
    for (const expose of model.find('EXPOSE')) {
      for (const port of expose.ports) {
        if (port.port === null || port.endPort === null) continue;
        if (port.port > 65535 || port.endPort > 65535) {
          report({ messageId: 'outOfRange', at: port, data: { port: port.value } });
        } else if (port.endPort < port.port) {
          report({ messageId: 'backwards', at: port, data: { port: port.value } });
        }
      }
    }
  },
});
