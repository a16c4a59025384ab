/**
 * RUN bodies as shell, via web-tree-sitter + tree-sitter-bash (wasm). The parser loads once, on
 * first use, through a dynamic import, so modules that only import the model types never pull it in.
 */
import { createRequire } from 'node:module';
import type { Node as SyntaxNode, Parser as TreeSitterParser } from 'web-tree-sitter';
import type {
  PipelinePosition,
  Position,
  Range,
  ShellAssignment,
  ShellCommand,
  ShellWord,
} from './types.js';

let parserPromise: Promise<TreeSitterParser> | undefined;

/** Loads the bash grammar once; later calls return the same parser. */
export function loadShellParser(): Promise<TreeSitterParser> {
  parserPromise ??= (async () => {
    const { Parser, Language } = await import('web-tree-sitter');
    await Parser.init();
    const require = createRequire(import.meta.url);
    const language = await Language.load(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'));
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return parserPromise;
}

/** Where the first character of a parsed text sits in the Dockerfile (1-based). */
export interface TextOrigin {
  readonly line: number;
  readonly column: number;
}

export interface ParsedShell {
  readonly commands: ShellCommand[];
  readonly hasSyntaxError: boolean;
  readonly hasPipe: boolean;
  /** Bodies of `sh <<EOF` / `bash <<EOF` heredocs, to parse as scripts too. */
  readonly nestedScripts: { readonly text: string; readonly origin: TextOrigin }[];
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);

/** Parses `text` (positions preserved) and flattens it into simple commands. */
export function parseShellText(
  parser: TreeSitterParser,
  text: string,
  origin: TextOrigin,
  firstIndex: number,
): ParsedShell {
  const tree = parser.parse(text);
  if (!tree) {
    return { commands: [], hasSyntaxError: true, hasPipe: false, nestedScripts: [] };
  }
  const commands: ShellCommand[] = [];
  const nestedScripts: { text: string; origin: TextOrigin }[] = [];
  let hasPipe = false;
  const toPosition = (row: number, column: number): Position =>
    row === 0
      ? { line: origin.line, column: origin.column + column }
      : { line: origin.line + row, column: column + 1 };
  const rangeOf = (node: SyntaxNode): Range => ({
    start: toPosition(node.startPosition.row, node.startPosition.column),
    end: toPosition(node.endPosition.row, node.endPosition.column),
  });
  const wordOf = (node: SyntaxNode): ShellWord => ({
    value: unquote(node),
    raw: node.text,
    range: rangeOf(node),
  });

  const pushCommand = (
    node: SyntaxNode,
    name: string,
    args: ShellWord[],
    assignments: ShellAssignment[],
    at: Surroundings,
  ): void => {
    commands.push({
      name,
      args,
      assignments,
      flags: flagsOf(args.map((a) => a.value)),
      index: firstIndex + commands.length,
      text: node.text,
      range: rangeOf(node),
      isInPipeline: at.isInPipeline,
      isInSubstitution: at.isInSubstitution,
      isInSubshell: at.isInSubshell,
      pipeline: at.pipeline,
    });
  };

  const visit = (node: SyntaxNode, at: Surroundings): void => {
    if (node.type === 'pipeline') {
      hasPipe = true;
      const stages = node.namedChildren.filter(
        (c): c is SyntaxNode => c !== null && c.type !== 'comment',
      );
      const firstCommand = firstIndex + commands.length;
      stages.forEach((stage, index) => {
        visit(stage, {
          ...at,
          isInPipeline: true,
          pipeline: { index, length: stages.length, firstCommand },
        });
      });
      return;
    }
    if (node.type === 'command') {
      const assignments: ShellAssignment[] = [];
      const args: ShellWord[] = [];
      let name = '';
      for (const child of node.namedChildren) {
        if (!child) continue;
        if (child.type === 'variable_assignment') {
          assignments.push(assignmentOf(child));
        } else if (child.type === 'command_name') {
          name = unquote(child);
        } else if (isWordLike(child.type)) {
          args.push(wordOf(child));
        }
      }
      pushCommand(node, name, args, assignments, at);
    }
    if (node.type === 'declaration_command') {
      // `export A=1 B`, `declare -x A=1`: the assignments last for the rest of the script.
      const assignments: ShellAssignment[] = [];
      const args: ShellWord[] = [];
      for (const child of node.namedChildren) {
        if (!child) continue;
        if (child.type === 'variable_assignment') assignments.push(assignmentOf(child));
        else if (isWordLike(child.type) || child.type === 'variable_name') args.push(wordOf(child));
      }
      pushCommand(node, node.child(0)?.text ?? '', args, assignments, at);
    }
    if (node.type === 'redirected_statement') {
      collectShellHeredoc(node, toPosition, nestedScripts);
    }
    const inner: Surroundings =
      node.type === 'command_substitution'
        ? { ...at, isInSubstitution: true, pipeline: null }
        : node.type === 'subshell'
          ? { ...at, isInSubshell: true }
          : at;
    for (const child of node.namedChildren) {
      if (child) visit(child, inner);
    }
  };
  visit(tree.rootNode, {
    isInPipeline: false,
    isInSubstitution: false,
    isInSubshell: false,
    pipeline: null,
  });
  const hasSyntaxError = tree.rootNode.hasError;
  tree.delete();
  return { commands, hasSyntaxError, hasPipe, nestedScripts };
}

/** Where a command sits: what encloses it, and its place in the innermost pipeline. */
interface Surroundings {
  readonly isInPipeline: boolean;
  readonly isInSubstitution: boolean;
  readonly isInSubshell: boolean;
  readonly pipeline: PipelinePosition | null;
}

function assignmentOf(node: SyntaxNode): ShellAssignment {
  const value = node.childForFieldName('value');
  return { name: node.childForFieldName('name')?.text ?? '', value: value ? unquote(value) : '' };
}

/** `sh <<EOF … EOF` (no file argument): the heredoc body is itself a script. */
function collectShellHeredoc(
  node: SyntaxNode,
  toPosition: (row: number, column: number) => Position,
  out: { text: string; origin: TextOrigin }[],
): void {
  const cmd = node.childForFieldName('body');
  if (cmd?.type !== 'command') return;
  const nameNode = cmd.namedChildren.find((c) => c?.type === 'command_name');
  const name = nameNode ? basename(unquote(nameNode)) : '';
  const hasScriptArg = cmd.namedChildren.some(
    (c) => c && isWordLike(c.type) && !c.text.startsWith('-'),
  );
  if (!SHELLS.has(name) || hasScriptArg) return;
  for (const redirect of node.namedChildren) {
    if (redirect?.type !== 'heredoc_redirect') continue;
    const heredocBody = redirect.namedChildren.find((c) => c?.type === 'heredoc_body');
    if (!heredocBody) continue;
    const start = toPosition(heredocBody.startPosition.row, heredocBody.startPosition.column);
    out.push({ text: heredocBody.text, origin: { line: start.line, column: start.column } });
  }
}

function isWordLike(type: string): boolean {
  return (
    type === 'word' ||
    type === 'string' ||
    type === 'raw_string' ||
    type === 'ansi_c_string' ||
    type === 'concatenation' ||
    type === 'simple_expansion' ||
    type === 'expansion' ||
    type === 'command_substitution' ||
    type === 'number' ||
    type === 'arithmetic_expansion'
  );
}

/** Removes quotes when the word is plain text; keeps `$…` expansions as written. */
function unquote(node: SyntaxNode): string {
  switch (node.type) {
    case 'command_name': {
      const inner = node.namedChildren[0];
      return inner ? unquote(inner) : node.text;
    }
    case 'word':
      return node.text.replace(/\\(.)/g, '$1');
    case 'raw_string':
      return node.text.slice(1, -1);
    case 'string': {
      const text = node.text;
      return text.startsWith('"') && text.endsWith('"') && text.length >= 2
        ? text.slice(1, -1)
        : text;
    }
    case 'concatenation':
      return node.children.map((c) => (c ? unquote(c) : '')).join('');
    default:
      return node.text;
  }
}

/**
 * Flags as hadolint derives them, with option values left out: `--foo=bar` → `foo`; a cluster of
 * letters and digits `-yq` → `y`, `q`; a single-dash word holding anything else (`-q=2`,
 * `-oAPT::Get::Assume-Yes=true`, `-x=foo`) is one flag with its value attached → `q`, `o`, `x`
 * (hadolint would read every character as a flag). `--` ends the options.
 */
export function flagsOf(values: readonly string[]): string[] {
  const flags: string[] = [];
  for (const value of values) {
    if (value === '--') break;
    if (value.startsWith('--')) {
      if (value.length > 2) flags.push(value.slice(2).split('=')[0] ?? '');
    } else if (value.startsWith('-') && value.length > 1) {
      const cluster = value.slice(1);
      if (/^[A-Za-z0-9]+$/.test(cluster)) flags.push(...cluster);
      else flags.push(cluster[0] ?? '');
    }
  }
  return flags;
}

function basename(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? path : path.slice(slash + 1);
}
