import type { ShellCommand, ShellWord } from '../src/dockerfile/index.js';
import { isCommand } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';
import { operands } from './helpers/commands.js';

export default defineRule({
  meta: {
    id: 'pin-go-install',
    severity: 'warning',
    hadolint: 'DL3062',
    docs: {
      summary: '`go install` of a remote module without a version.',
      rationale:
        '`go install example.com/tool` without `@version` builds whatever the current module ' +
        'requires, or fails outside a module; `@latest` builds the newest release on every ' +
        'build. Pin `example.com/tool@v1.2.3` (or a commit). Local packages (`.`, `./cmd/...`, ' +
        'absolute paths), standard-library and same-module paths (no dot in the first path ' +
        'element) and packages given through a variable are not checked. Unlike hadolint, ' +
        '`@latest` is not a pin. Each unpinned package is reported.',
      bad: 'FROM golang:1.23\nRUN go install golang.org/x/tools/gopls\n',
      good: 'FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@v0.16.2\n',
    },
    messages: {
      unpinned: '`{{package}}` is not pinned in `go install`; use `{{name}}@<version>`',
    },
  },
  check(model, report) {
    for (const run of model.find('RUN')) {
      for (const command of run.shell.commands) {
        for (const word of goInstallPackages(command).filter(isUnpinned)) {
          report({
            messageId: 'unpinned',
            at: word,
            data: { package: word.value, name: word.value.split('@')[0] ?? word.value },
          });
        }
      }
    }
  },
});

/** go build flags that take a separate value (`-tags netgo`, `-ldflags "-s -w"`). */
const GO_FLAGS_WITH_VALUE = [
  'o',
  'p',
  'C',
  'tags',
  'ldflags',
  'gcflags',
  'asmflags',
  'gccgoflags',
  'mod',
  'modfile',
  'overlay',
  'pkgdir',
  'buildmode',
  'compiler',
  'installsuffix',
  'toolexec',
  'pgo',
  'covermode',
  'coverpkg',
].flatMap((flag) => [`-${flag}`, `--${flag}`]);

function goInstallPackages(command: ShellCommand): readonly ShellWord[] {
  if (!isCommand(command, 'go')) return [];
  const [verb, ...packages] = operands(command.args, GO_FLAGS_WITH_VALUE);
  return verb?.value === 'install' ? packages : [];
}

function isUnpinned(word: ShellWord): boolean {
  const value = word.value;
  if (/[$`]/.test(value) || /^[./~]/.test(value)) return false; // variable or local package
  if (!(value.split('/')[0] ?? '').includes('.')) return false; // std library or this module
  const at = value.indexOf('@');
  return at === -1 || value.slice(at + 1) === '' || value.slice(at + 1) === 'latest';
}
