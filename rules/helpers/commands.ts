/** Reading shell commands the way their programs read their arguments. */
import type { ShellCommand, ShellWord } from '../../src/dockerfile/index.js';
import { hasFlag, isCommand } from '../../src/dockerfile/index.js';

/**
 * Arguments that are neither options nor option values: with `-c` in `optionsWithValue`,
 * `dnf -c f.conf install x` → `install`, `x`. `--` ends the options; `-` is an operand.
 */
export function operands(
  args: readonly ShellWord[],
  optionsWithValue: readonly string[],
): ShellWord[] {
  const result: ShellWord[] = [];
  let skipValue = false;
  let endOfOptions = false;
  for (const arg of args) {
    const value = arg.value;
    if (skipValue) skipValue = false;
    else if (endOfOptions || value === '-' || !value.startsWith('-')) result.push(arg);
    else if (value === '--') endOfOptions = true;
    else skipValue = !value.includes('=') && optionsWithValue.includes(value);
  }
  return result;
}

/** The first operands, as text: `subcommands(dnf -y module install x)` → `module`, `install`, `x`. */
export function subcommands(
  command: ShellCommand,
  optionsWithValue: readonly string[],
): (string | undefined)[] {
  return operands(command.args, optionsWithValue).map((w) => w.value);
}

/** The first operand: `apt-get -o X=y install z` → `install`. */
export function subcommand(
  command: ShellCommand,
  optionsWithValue: readonly string[],
): string | undefined {
  return operands(command.args, optionsWithValue)[0]?.value;
}

/** `rm` with an argument `isTarget` accepts. */
export function removes(command: ShellCommand, isTarget: (path: string) => boolean): boolean {
  return isCommand(command, 'rm') && command.args.some((a) => isTarget(a.value));
}

/** `rm -r` (`-R`, `--recursive`) with an argument `isTarget` accepts. */
export function removesRecursively(
  command: ShellCommand,
  isTarget: (path: string) => boolean,
): boolean {
  return hasFlag(command, 'r', 'R', 'recursive') && removes(command, isTarget);
}

/** A path test: starts with one of `prefixes` (`/var/cache/yum` matches `/var/cache/yum/*`). */
export function pathStartingWith(...prefixes: string[]): (path: string) => boolean {
  return (path) => prefixes.some((prefix) => path.startsWith(prefix));
}

/** A path test: contains one of `fragments` (`/.npm` matches `/root/.npm/_cacache`). */
export function pathContaining(...fragments: string[]): (path: string) => boolean {
  return (path) => fragments.some((fragment) => path.includes(fragment));
}

/**
 * The verb a command runs, when it is one of `verbs` (`install`), or one of `groupVerbs` under one
 * of `groups` (`module install` for `dnf module install x`); null otherwise.
 */
export function verbAmong(
  command: ShellCommand,
  optionsWithValue: readonly string[],
  verbs: readonly string[],
  {
    groups,
    groupVerbs,
  }: { readonly groups: readonly string[]; readonly groupVerbs: readonly string[] },
): string | null {
  const [verb, sub] = subcommands(command, optionsWithValue);
  if (verb === undefined) return null;
  if (verbs.includes(verb)) return verb;
  if (groups.includes(verb) && sub !== undefined && groupVerbs.includes(sub))
    return `${verb} ${sub}`;
  return null;
}
