import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { compareText } from '../findings.js';
import type { SetExitCode } from './commands.js';

export function registerRules(program: Command, setExitCode: SetExitCode): void {
  program
    .command('rules')
    .description('list the lint rules, or show one rule (by name or hadolint code)')
    .argument('[name]', 'a rule name (apt-lists-cleanup) or hadolint code (DL3009)')
    .action(async (name: string | undefined) => {
      const text = await describeRules(name);
      process.stdout.write(text);
      setExitCode(0);
    });
}

/** The text `layerlint rules [NAME]` prints. */
export async function describeRules(name: string | undefined): Promise<string> {
  const { loadRegistry } = await import('../lint/registry.js');
  const registry = await loadRegistry();
  const rules = [...registry.rules].sort((a, b) => compareText(a.meta.id, b.meta.id));
  if (name === undefined) {
    const width = Math.max(...rules.map((r) => r.meta.id.length));
    const lines = rules.map(
      (r) =>
        `${r.meta.id.padEnd(width)}  ${(r.meta.hadolint ?? '-').padEnd(6)}  ${r.meta.severity.padEnd(7)}  ${r.meta.kind === 'image' ? '[image] ' : ''}${r.meta.enabledByDefault === false ? '[off] ' : ''}${r.meta.docs.summary}`,
    );
    return `${lines.join('\n')}\n\n${rules.length} rules; \`layerlint rules NAME\` shows one.\n`;
  }
  const [id] = registry.resolve(name);
  const rule = id === undefined ? null : registry.get(id);
  if (!rule) {
    throw new UsageError(`unknown rule "${name}"; run \`layerlint rules\` to list them`);
  }
  const { meta } = rule;
  const indent = (text: string) =>
    text
      .replace(/\n$/, '')
      .split('\n')
      .map((l) => `    ${l}`)
      .join('\n');
  return [
    `${meta.id}${meta.hadolint ? ` (${meta.hadolint})` : ''} — ${meta.severity}${meta.enabledByDefault === false ? ', off by default' : ''}`,
    '',
    meta.docs.summary,
    '',
    meta.docs.rationale,
    '',
    'Bad:',
    indent(meta.docs.bad),
    '',
    'Good:',
    indent(meta.docs.good),
    '',
    'Messages:',
    ...Object.values<string>(meta.messages).map((m) => `  - ${m}`),
    '',
  ].join('\n');
}
