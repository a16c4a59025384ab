import type { DockerfileModel, UserInstruction } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'numeric-user',
    severity: 'info',
    hadolint: 'DL3066',
    docs: {
      summary: '`USER` names a user instead of a numeric UID.',
      rationale:
        'Tools outside the container (Kubernetes `runAsNonRoot`, PodSecurity admission, host volume ' +
        'permissions) see only numbers; a name they cannot resolve makes them refuse the pod or guess. ' +
        'A numeric `USER 10001:10001` works everywhere. `root` (always UID 0, see last-user-root) and ' +
        'values with variables are not flagged; only the user part is checked. Windows stages ' +
        '(`ContainerUser`, `ContainerAdministrator`) have no numeric ids and are skipped.',
      bad: 'FROM debian:12\nUSER app\n',
      good: 'FROM debian:12\nUSER 10001:10001\n',
    },
    messages: {
      name: '`USER {{user}}` is a name that tools outside the container cannot resolve; use its numeric UID (e.g. `USER 10001`)',
    },
  },
  check(model, report) {
    for (const user of model.find('USER')) {
      const name = user.user.trim();
      if (name === '' || name === 'root' || name.includes('$') || /^\d+$/.test(name)) continue;
      if (isWindows(model, user)) continue;
      report({ messageId: 'name', at: user.args[0] ?? user, data: { user: name } });
    }
  },
});

const WINDOWS_USERS = ['containeruser', 'containeradministrator'];

/** Windows accounts have SIDs, not UIDs. */
function isWindows(model: DockerfileModel, user: UserInstruction): boolean {
  return (
    WINDOWS_USERS.includes(user.user.toLowerCase()) || model.stageOf(user)?.dialect !== 'posix'
  );
}
