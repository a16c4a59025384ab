import { defineRule } from '../src/lint/rule.js';
import { checkRpmPins, UNPINNED_RPM_MESSAGES } from './helpers/rpm.js';

export default defineRule({
  meta: {
    id: 'pin-yum-packages',
    severity: 'warning',
    hadolint: 'DL3033',
    docs: {
      summary: '`yum install` of a package without a version.',
      rationale:
        'Without a version, each build installs whatever the repositories hold that day, so two ' +
        'builds of the same Dockerfile can differ. Pin `package-version` (`httpd-2.4.6` or the ' +
        'full `httpd-2.4.6-99.el7`), and name the stream of a module ' +
        '(`yum module install nodejs:20`). Local or remote `.rpm` files, groups (`@…`) and ' +
        'packages given through a variable are exempt. Unlike hadolint, which accepts any dash, ' +
        'a dash inside the name is not a version: `python3-pip` and `java-17-openjdk` are ' +
        'unpinned; the part after the last dash must start with a digit. Each unpinned package ' +
        'is reported.',
      bad: 'FROM centos:7\nRUN yum install -y httpd && yum clean all\n',
      good: 'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n',
    },
    messages: UNPINNED_RPM_MESSAGES,
  },
  check: checkRpmPins({ names: ['yum'], installVerbs: ['install'] }),
});
