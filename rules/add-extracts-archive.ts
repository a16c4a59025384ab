import type {
  CopyInstruction,
  DockerfileModel,
  ShellCommand,
  Word,
} from '../src/dockerfile/index.js';
import { hasFlag, is, isCommand } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'add-extracts-archive',
    severity: 'info',
    hadolint: 'DL3010',
    docs: {
      summary: 'A tar archive is COPYed and then unpacked by a later RUN.',
      rationale:
        'The copied archive stays in its COPY layer even if the RUN deletes it, so the image carries ' +
        'both the archive and its contents. `ADD app.tar.gz /opt/` unpacks local tar archives in one ' +
        'step, and `RUN --mount=type=bind,source=app.tar.gz,target=/tmp/app.tar.gz tar -xzf …` keeps ' +
        'the archive out of every layer. Only tar archives count (ADD does not unpack `.zip`, so ' +
        'unlike hadolint we do not suggest it for `unzip`), and only when a later `tar -x` in the ' +
        'same stage names the copied file.',
      bad: 'FROM debian:12\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz\n',
      good: 'FROM debian:12\nADD app.tar.gz /opt/\n',
    },
    messages: {
      useAdd:
        '`{{archive}}` is copied and then unpacked on line {{line}}, so the archive stays in this layer; use `ADD {{archive}} <dir>/` (it unpacks tar archives) or a bind mount',
    },
  },
  check(model, report) {
    for (const copy of model.find('COPY')) {
      if (copy.from !== null || copy.isOnbuildTrigger) continue;
      for (const source of copy.sources.filter(isTarArchive)) {
        const line = extractedOnLine(model, copy, baseName(source.value));
        if (line !== null) {
          report({ messageId: 'useAdd', at: source, data: { archive: source.value, line } });
        }
      }
    }
  },
});

const TAR = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst)$/i;

function isTarArchive(source: Word): boolean {
  return TAR.test(source.value) && !source.value.includes('$');
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The line of a later RUN in the same stage whose `tar -x…` names the archive, else null. */
function extractedOnLine(
  model: DockerfileModel,
  copy: CopyInstruction,
  name: string,
): number | null {
  const stage = model.stageOf(copy);
  if (!stage) return null;
  for (const instruction of stage.instructions) {
    if (!is(instruction, 'RUN') || instruction.index <= copy.index) continue;
    const extract = instruction.shell.commands.find((c) => extractsTar(c) && mentions(c, name));
    if (extract) return extract.range.start.line;
  }
  return null;
}

function extractsTar(command: ShellCommand): boolean {
  if (!isCommand(command, 'tar')) return false;
  const first = command.args[0]?.value ?? '';
  return hasFlag(command, 'x', 'extract', 'get') || /^[a-wyz]*x/.test(first);
}

function mentions(command: ShellCommand, name: string): boolean {
  return command.args.some((a) => baseName(a.value) === name);
}
