/**
 * RUN bodies as shell, via web-tree-sitter + tree-sitter-bash (wasm). The parser loads once, on
 * first use, through a dynamic import, so modules that only import the model types never pull it in.
 */
import { createRequire } from 'node:module';
import type { Tree, TreeCursor, Parser as TreeSitterParser } from 'web-tree-sitter';
import { compilingLargeWasm } from '../wasm-tiers.js';
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
    compilingLargeWasm();
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
  if (cacheLimit === 0 || text.length > cacheLimit) {
    return parseUncached(parser, text, origin, firstIndex) ?? unparsed();
  }
  if (parser !== cacheParser) {
    cache.clear();
    cachedChars = 0;
    cacheParser = parser;
  }
  let parsed = cache.get(text);
  if (parsed) {
    // Most recently used last: the oldest entries go first.
    cache.delete(text);
    cache.set(text, parsed);
  } else {
    const fresh = parseUncached(parser, text, CACHE_ORIGIN, 0);
    if (!fresh) return unparsed();
    parsed = fresh;
    cache.set(text, parsed);
    cachedChars += text.length;
    trimCache();
  }
  return rebase(parsed, origin, firstIndex);
}

/**
 * Scripts parsed lately, by text, with positions from line 0 and indexes from 0 (see `rebase`).
 * The same RUN body recurs across the variants of an image (one Dockerfile per distribution or
 * version) and when a file is linted again as it is edited; the tree-sitter parse and the walk
 * are most of the cost of a Dockerfile.
 */
const cache = new Map<string, ParsedShell>();
let cacheParser: TreeSitterParser | undefined;
let cachedChars = 0;
/** At most this many characters of script text are kept parsed (0: no cache). */
let cacheLimit = 1 << 20;

/** Origin of a cached parse: row 0 has line 0, and every later row a line above 0. */
const CACHE_ORIGIN: TextOrigin = { line: 0, column: 0 };

/** Sets how many characters of script text stay parsed for reuse; 0 turns the cache off. */
export function setShellCacheLimit(chars: number): void {
  cacheLimit = Math.max(0, chars);
  trimCache();
}

function trimCache(): void {
  for (const text of cache.keys()) {
    if (cachedChars <= cacheLimit) break;
    cache.delete(text);
    cachedChars -= text.length;
  }
}

/**
 * A cached parse placed at `origin`, its commands numbered from `firstIndex`: what parsing there
 * gives. A position on row 0 has `line` 0 and its column counts from the origin's; a later row
 * keeps its column and moves down by the origin's line. Every object is new.
 */
function rebase(parsed: ParsedShell, origin: TextOrigin, firstIndex: number): ParsedShell {
  const position = (at: Position): Position =>
    at.line === 0
      ? { line: origin.line, column: origin.column + at.column }
      : { line: origin.line + at.line, column: at.column };
  const range = (r: Range): Range => ({ start: position(r.start), end: position(r.end) });
  const pipelines = new Map<PipelinePosition, PipelinePosition>();
  const commands = parsed.commands.map((c): ShellCommand => {
    let pipeline: PipelinePosition | null = null;
    if (c.pipeline) {
      pipeline = pipelines.get(c.pipeline) ?? null;
      if (!pipeline) {
        pipeline = {
          index: c.pipeline.index,
          length: c.pipeline.length,
          firstCommand: c.pipeline.firstCommand + firstIndex,
        };
        pipelines.set(c.pipeline, pipeline);
      }
    }
    return {
      name: c.name,
      args: c.args.map((a) => ({ value: a.value, raw: a.raw, range: range(a.range) })),
      assignments: c.assignments.map((a) => ({ name: a.name, value: a.value })),
      flags: c.flags.slice(),
      index: c.index + firstIndex,
      text: c.text,
      range: range(c.range),
      isInPipeline: c.isInPipeline,
      isInSubstitution: c.isInSubstitution,
      isInSubshell: c.isInSubshell,
      pipeline,
    };
  });
  return {
    commands,
    hasSyntaxError: parsed.hasSyntaxError,
    hasPipe: parsed.hasPipe,
    nestedScripts: parsed.nestedScripts.map((s) => ({ text: s.text, origin: position(s.origin) })),
  };
}

/** What a script that tree-sitter gave no tree for reads as. */
function unparsed(): ParsedShell {
  return { commands: [], hasSyntaxError: true, hasPipe: false, nestedScripts: [] };
}

/** Parses and walks `text`; undefined when tree-sitter gives no tree. */
function parseUncached(
  parser: TreeSitterParser,
  text: string,
  origin: TextOrigin,
  firstIndex: number,
): ParsedShell | undefined {
  const tree = parser.parse(text);
  if (!tree) return undefined;
  const walker = new ShellWalker(tree, grammarOf(parser), text, origin, firstIndex);
  walker.visit(walker.typeName(walker.cursor.nodeTypeId), TOP_LEVEL);
  walker.cursor.delete();
  const hasSyntaxError = tree.rootNode.hasError;
  tree.delete();
  return {
    commands: walker.commands,
    hasSyntaxError,
    hasPipe: walker.hasPipe,
    nestedScripts: walker.nestedScripts,
  };
}

/** Where a command sits: what encloses it, and its place in the innermost pipeline. */
interface Surroundings {
  readonly isInPipeline: boolean;
  readonly isInSubstitution: boolean;
  readonly isInSubshell: boolean;
  readonly pipeline: PipelinePosition | null;
}

const TOP_LEVEL: Surroundings = {
  isInPipeline: false,
  isInSubstitution: false,
  isInSubshell: false,
  pipeline: null,
};

/**
 * Node types that never have children (tree-sitter-bash's node-types.json lists none): the walk
 * does not step into them.
 */
const LEAF_TYPES = new Set([
  'word',
  'ansi_c_string',
  'comment',
  'extglob_pattern',
  'file_descriptor',
  'heredoc_content',
  'heredoc_end',
  'heredoc_start',
  'raw_string',
  'regex',
  'special_variable_name',
  'string_content',
  'test_operator',
  'variable_name',
]);

/** What the walk needs from the grammar, looked up once per parser. */
interface Grammar {
  readonly types: readonly string[];
  /** Whether a node type is named, by type id (filled on first sight). */
  readonly named: Map<number, boolean>;
  readonly isNamedId: (id: number) => boolean;
  readonly nameField: number;
  readonly valueField: number;
  readonly bodyField: number;
}

const grammars = new WeakMap<TreeSitterParser, Grammar>();

function grammarOf(parser: TreeSitterParser): Grammar {
  let grammar = grammars.get(parser);
  if (!grammar) {
    const language = parser.language;
    if (!language) throw new Error('the shell parser has no language');
    const named = new Map<number, boolean>();
    grammar = {
      types: language.types,
      named,
      isNamedId: (id) => {
        let isNamed = named.get(id);
        if (isNamed === undefined) {
          isNamed = language.nodeTypeIsNamed(id);
          named.set(id, isNamed);
        }
        return isNamed;
      },
      nameField: language.fieldIdForName('name') ?? -1,
      valueField: language.fieldIdForName('value') ?? -1,
      bodyField: language.fieldIdForName('body') ?? -1,
    };
    grammars.set(parser, grammar);
  }
  return grammar;
}

/**
 * Walks a syntax tree with one TreeCursor, reading node text by slicing the source with the node's
 * offsets and computing positions from them: every Node object (and every call across the wasm
 * bridge to build one) is avoided. Each method starts and ends on the same node.
 */
class ShellWalker {
  readonly cursor: TreeCursor;
  readonly commands: ShellCommand[] = [];
  readonly nestedScripts: { text: string; origin: TextOrigin }[] = [];
  hasPipe = false;
  /** Offsets of the `\n`s in the text: tree-sitter starts a row after each. */
  private readonly newlines: number[] = [];

  constructor(
    tree: Tree,
    private readonly grammar: Grammar,
    private readonly text: string,
    private readonly origin: TextOrigin,
    private readonly firstIndex: number,
  ) {
    this.cursor = tree.walk();
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
      this.newlines.push(i);
    }
  }

  typeName(id: number): string {
    return this.grammar.types[id] || 'ERROR';
  }

  private position(offset: number): Position {
    const newlines = this.newlines;
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((newlines[mid] ?? 0) < offset) lo = mid + 1;
      else hi = mid;
    }
    // `lo` newlines come before the offset: that is the row.
    return lo === 0
      ? { line: this.origin.line, column: this.origin.column + offset }
      : { line: this.origin.line + lo, column: offset - (newlines[lo - 1] ?? 0) };
  }

  private range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  visit(type: string, at: Surroundings): void {
    const c = this.cursor;
    if (type === 'pipeline') {
      this.hasPipe = true;
      let length = 0;
      if (c.gotoFirstChild()) {
        do {
          const id = c.nodeTypeId;
          if (this.grammar.isNamedId(id) && this.typeName(id) !== 'comment') length++;
        } while (c.gotoNextSibling());
        c.gotoParent();
      }
      const firstCommand = this.firstIndex + this.commands.length;
      let index = 0;
      if (c.gotoFirstChild()) {
        do {
          const id = c.nodeTypeId;
          if (!this.grammar.isNamedId(id)) continue;
          const stageType = this.typeName(id);
          if (stageType === 'comment') continue;
          this.visit(stageType, {
            ...at,
            isInPipeline: true,
            pipeline: { index: index++, length, firstCommand },
          });
        } while (c.gotoNextSibling());
        c.gotoParent();
      }
      return;
    }
    if (type === 'command' || type === 'declaration_command') {
      this.command(type, at);
      return;
    }
    if (type === 'redirected_statement') this.shellHeredoc();
    const inner: Surroundings =
      type === 'command_substitution'
        ? { ...at, isInSubstitution: true, pipeline: null }
        : type === 'subshell'
          ? { ...at, isInSubshell: true }
          : at;
    this.visitChildren(inner);
  }

  private visitChildren(at: Surroundings): void {
    const c = this.cursor;
    if (!c.gotoFirstChild()) return;
    do {
      const id = c.nodeTypeId;
      if (!this.grammar.isNamedId(id)) continue;
      const type = this.typeName(id);
      if (!LEAF_TYPES.has(type)) this.visit(type, at);
    } while (c.gotoNextSibling());
    c.gotoParent();
  }

  /**
   * A simple command or a declaration (`export A=1 B`, `declare -x A=1`: the assignments last for
   * the rest of the script). Its slot is taken first, so the commands nested in its words
   * (`$(…)`) follow it, and its children are visited for them on the same pass.
   */
  private command(type: string, at: Surroundings): void {
    const c = this.cursor;
    const isDeclaration = type === 'declaration_command';
    const start = c.startIndex;
    const end = c.endIndex;
    const slot = this.commands.length;
    this.commands.push(undefined as unknown as ShellCommand);
    const assignments: ShellAssignment[] = [];
    const args: ShellWord[] = [];
    let name = '';
    if (c.gotoFirstChild()) {
      if (isDeclaration) name = this.text.slice(c.startIndex, c.endIndex);
      do {
        const id = c.nodeTypeId;
        if (!this.grammar.isNamedId(id)) continue;
        const childType = this.typeName(id);
        if (childType === 'variable_assignment') {
          assignments.push(this.assignment());
        } else if (isDeclaration) {
          if (isWordLike(childType) || childType === 'variable_name') {
            args.push(this.word(childType));
          }
        } else if (childType === 'command_name') {
          name = this.unquote(childType, c.startIndex, c.endIndex);
        } else if (isWordLike(childType)) {
          args.push(this.word(childType));
        }
        if (!LEAF_TYPES.has(childType)) this.visit(childType, at);
      } while (c.gotoNextSibling());
      c.gotoParent();
    }
    this.commands[slot] = {
      name,
      args,
      assignments,
      flags: flagsOf(args.map((a) => a.value)),
      index: this.firstIndex + slot,
      text: this.text.slice(start, end),
      range: this.range(start, end),
      isInPipeline: at.isInPipeline,
      isInSubstitution: at.isInSubstitution,
      isInSubshell: at.isInSubshell,
      pipeline: at.pipeline,
    };
  }

  private word(type: string): ShellWord {
    const c = this.cursor;
    const start = c.startIndex;
    const end = c.endIndex;
    return {
      value: this.unquote(type, start, end),
      raw: this.text.slice(start, end),
      range: this.range(start, end),
    };
  }

  private assignment(): ShellAssignment {
    const c = this.cursor;
    const { nameField, valueField } = this.grammar;
    let name: string | null = null;
    let value: string | null = null;
    if (c.gotoFirstChild()) {
      do {
        const field = c.currentFieldId;
        if (field === nameField && name === null) {
          name = this.text.slice(c.startIndex, c.endIndex);
        } else if (field === valueField && value === null) {
          value = this.unquote(this.typeName(c.nodeTypeId), c.startIndex, c.endIndex);
        }
      } while (c.gotoNextSibling());
      c.gotoParent();
    }
    return { name: name ?? '', value: value ?? '' };
  }

  /** Removes quotes when the word is plain text; keeps `$…` expansions as written. */
  private unquote(type: string, start: number, end: number): string {
    switch (type) {
      case 'command_name': {
        const c = this.cursor;
        if (c.gotoFirstChild()) {
          let value: string | null = null;
          do {
            const id = c.nodeTypeId;
            if (this.grammar.isNamedId(id)) {
              value = this.unquote(this.typeName(id), c.startIndex, c.endIndex);
              break;
            }
          } while (c.gotoNextSibling());
          c.gotoParent();
          if (value !== null) return value;
        }
        return this.text.slice(start, end);
      }
      case 'word':
        return this.text.slice(start, end).replace(/\\(.)/g, '$1');
      case 'raw_string':
        return this.text.slice(start, end).slice(1, -1);
      case 'string': {
        const text = this.text.slice(start, end);
        return text.startsWith('"') && text.endsWith('"') && text.length >= 2
          ? text.slice(1, -1)
          : text;
      }
      case 'concatenation': {
        const c = this.cursor;
        let value = '';
        if (c.gotoFirstChild()) {
          do {
            value += this.unquote(this.typeName(c.nodeTypeId), c.startIndex, c.endIndex);
          } while (c.gotoNextSibling());
          c.gotoParent();
        }
        return value;
      }
      default:
        return this.text.slice(start, end);
    }
  }

  /** `sh <<EOF … EOF` (no file argument): the heredoc body is itself a script. */
  private shellHeredoc(): void {
    const c = this.cursor;
    if (!c.gotoFirstChild()) return;
    let body: 'none' | 'shell' | 'other' = 'none';
    const bodies: { text: string; origin: TextOrigin }[] = [];
    do {
      // The first child in the `body` field decides, as `childForFieldName('body')` would.
      if (body === 'none' && c.currentFieldId === this.grammar.bodyField) {
        const type = this.typeName(c.nodeTypeId);
        body = type === 'command' && this.isShellWithoutScript() ? 'shell' : 'other';
        continue;
      }
      const id = c.nodeTypeId;
      if (!this.grammar.isNamedId(id) || this.typeName(id) !== 'heredoc_redirect') continue;
      if (!c.gotoFirstChild()) continue;
      do {
        const childId = c.nodeTypeId;
        if (this.grammar.isNamedId(childId) && this.typeName(childId) === 'heredoc_body') {
          const start = c.startIndex;
          const position = this.position(start);
          bodies.push({
            text: this.text.slice(start, c.endIndex),
            origin: { line: position.line, column: position.column },
          });
          break;
        }
      } while (c.gotoNextSibling());
      c.gotoParent();
    } while (c.gotoNextSibling());
    c.gotoParent();
    if (body === 'shell') this.nestedScripts.push(...bodies);
  }

  /** On a `command`: it runs a shell (`sh`, `bash`, …) given no script file to run. */
  private isShellWithoutScript(): boolean {
    const c = this.cursor;
    if (!c.gotoFirstChild()) return false;
    let name: string | null = null;
    let hasScriptArg = false;
    do {
      const id = c.nodeTypeId;
      if (!this.grammar.isNamedId(id)) continue;
      const type = this.typeName(id);
      if (type === 'command_name') {
        name ??= basename(this.unquote(type, c.startIndex, c.endIndex));
      } else if (isWordLike(type)) {
        const start = c.startIndex;
        if (start >= c.endIndex || this.text.charCodeAt(start) !== 45 /* - */) hasScriptArg = true;
      }
    } while (c.gotoNextSibling());
    c.gotoParent();
    return SHELLS.has(name ?? '') && !hasScriptArg;
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
