import { parse as libraryParse, stringify, type Filter } from 'scim2-parse-filter';
import { ScimFilterError } from './errors';

/** The filter AST is scim2-parse-filter's, with attribute paths as written and values decoded. */
export type FilterAst = Filter;
export type CompValue = string | number | boolean | null;

/** maxUnindexedComparisons: comparisons that no index serves (checked by compileFilter, which knows the indexes). */
export const FILTER_LIMITS = { maxLength: 4096, maxDepth: 32, maxComparisons: 100, maxUnindexedComparisons: 10 } as const;

const COMPARE_OPS = new Set(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']);
const NAME = '[A-Za-z_$][A-Za-z0-9_$-]*';
/** RFC 7644 attrPath: optional schema URN, attribute, optional sub-attribute. */
const ATTR_PATH = new RegExp(`^(?:urn:[A-Za-z0-9._:-]+:)?${NAME}(?:\\.${NAME})?$`, 'i');
/** Inside attr[...] and after "].": a bare sub-attribute name. */
const SUB_ATTR = new RegExp(`^${NAME}$`);
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const STRING_ESCAPES = new Map([
  ['"', '"'], ['\\', '\\'], ['/', '/'], ['b', '\b'], ['f', '\f'], ['n', '\n'], ['r', '\r'], ['t', '\t'],
]);

type TokenKind = 'word' | 'string' | '(' | ')' | '[' | ']' | '].' | 'end';
interface Token {
  kind: TokenKind;
  text: string;
  pos: number;
  /** decoded value of a string token */
  value?: string;
}

/** Parses a SCIM filter into an AST. Throws ScimFilterError on anything that is not a filter we accept. */
export function parseFilter(filter: string): FilterAst {
  if (typeof filter !== 'string') throw new ScimFilterError('The filter must be a string');
  if (filter.length > FILTER_LIMITS.maxLength) {
    throw new ScimFilterError(`The filter is longer than the limit of ${FILTER_LIMITS.maxLength} characters (${filter.length})`);
  }
  if (filter.trim() === '') throw new ScimFilterError('The filter is empty');
  const prepared = prepare(lex(filter));
  let ast: Filter;
  try {
    ast = libraryParse(prepared.text);
  } catch (e) {
    // prepare() already checked the grammar, so this is not expected; keep the library's words.
    throw new ScimFilterError(`Invalid filter: ${e instanceof Error ? e.message : String(e)}`);
  }
  return restore(ast, prepared);
}

/** Prints an AST as a filter that parseFilter reads back to the same AST. */
export function printFilter(ast: FilterAst): string {
  return stringify(ast);
}

function lex(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === '[') {
      tokens.push({ kind: c, text: c, pos: i });
      i++;
    } else if (c === ']') {
      const dotted = input[i + 1] === '.';
      tokens.push(dotted ? { kind: '].', text: '].', pos: i } : { kind: ']', text: ']', pos: i });
      i += dotted ? 2 : 1;
    } else if (c === '"') {
      const end = readString(input, i, tokens);
      i = end;
    } else {
      let j = i;
      while (j < input.length && !/[\s()[\]"]/.test(input[j]!)) j++;
      tokens.push({ kind: 'word', text: input.slice(i, j), pos: i });
      i = j;
    }
  }
  tokens.push({ kind: 'end', text: '', pos: input.length });
  return tokens;
}

/**
 * Decodes a JSON string ourselves: the library doubles every backslash that is not before a quote,
 * so "a\\b" would come back as a\\b and "\n" as a literal backslash-n.
 * A backslash that starts no JSON escape (DOMAIN\user) is kept as written.
 */
function readString(input: string, start: number, tokens: Token[]): number {
  let value = '';
  let i = start + 1;
  while (i < input.length) {
    const c = input[i]!;
    if (c === '"') {
      tokens.push({ kind: 'string', text: input.slice(start, i + 1), pos: start, value });
      return i + 1;
    }
    if (c === '\\') {
      const next = input[i + 1] ?? '';
      const simple = STRING_ESCAPES.get(next);
      if (simple !== undefined) {
        value += simple;
        i += 2;
        continue;
      }
      const hex = input.slice(i + 2, i + 6);
      if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(hex)) {
        value += String.fromCharCode(parseInt(hex, 16));
        i += 6;
        continue;
      }
    }
    value += c;
    i++;
  }
  throw new ScimFilterError(`Unterminated string starting at position ${start}`, start);
}

interface Prepared {
  /** the filter as the library will read it: attributes as a0, a1…, values as "0", "1"… */
  text: string;
  attrs: string[];
  values: CompValue[];
}

/**
 * Walks the tokens with the filter grammar and rewrites them for the library:
 * - every attribute becomes a placeholder word and every value a placeholder string, so the library
 *   never lexes a value (it mangles backslashes, and rejects "-5 " and "DOMAIN$x");
 * - attr[F].sub op v becomes attr[(F) and sub op v] (see below);
 * - limits and syntax errors are reported here, with positions.
 */
function prepare(tokens: Token[]): Prepared {
  const out: string[] = [];
  const attrs: string[] = [];
  const values: CompValue[] = [];
  const open: { kind: '(' | '['; pos: number; outIndex: number; nots: number }[] = [];
  let state = 'operand' as 'operand' | 'op' | 'value' | 'after'; // ("as": the helpers below change it)
  let depth = 0; // open groups plus the "not"s still waiting for their operand
  let nots = 0;
  let comparisons = 0;
  let afterDotSub = false; // the attribute came from "].sub": no [ and close the bracket after the comparison
  let lastAttr: Token | undefined;
  let lastOp: Token | undefined;

  const deeper = (t: Token) => {
    if (++depth > FILTER_LIMITS.maxDepth) {
      throw new ScimFilterError(`The filter is nested deeper than the limit of ${FILTER_LIMITS.maxDepth} levels (at position ${t.pos})`, t.pos);
    }
  };
  const addAttr = (t: Token, relative: boolean) => {
    if (!(relative ? SUB_ATTR : ATTR_PATH).test(t.text)) {
      throw new ScimFilterError(`Invalid attribute name "${clip(t.text)}" at position ${t.pos}`, t.pos);
    }
    out.push(`a${attrs.length}`);
    attrs.push(t.text);
    lastAttr = t;
    state = 'op';
  };
  const count = (t: Token) => {
    if (++comparisons > FILTER_LIMITS.maxComparisons) {
      throw new ScimFilterError(`The filter has more than the limit of ${FILTER_LIMITS.maxComparisons} comparisons (at position ${t.pos})`, t.pos);
    }
  };
  const comparisonDone = () => {
    depth -= nots;
    nots = 0;
    if (afterDotSub) out.push(']');
    afterDotSub = false;
    state = 'after';
  };
  const close = (kind: '(' | '[', t: Token) => {
    const group = open.pop();
    if (!group || group.kind !== kind) throw new ScimFilterError(`Unexpected "${t.text}" at position ${t.pos}`, t.pos);
    depth -= 1 + group.nots;
    return group;
  };
  const openGroup = (kind: '(' | '[', t: Token) => {
    deeper(t);
    out.push(kind);
    open.push({ kind, pos: t.pos, outIndex: out.length, nots });
    nots = 0;
    state = 'operand';
  };
  const inBrackets = () => open.some((g) => g.kind === '[');

  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    const word = t.kind === 'word' ? t.text.toLowerCase() : undefined;
    switch (state) {
      case 'operand':
        if (t.kind === '(') openGroup('(', t);
        else if (word === 'not') {
          deeper(t);
          nots++;
          out.push('not');
        } else if (t.kind === 'word' && word !== 'and' && word !== 'or') addAttr(t, inBrackets());
        else throw expected('an attribute name, "(" or "not"', t);
        break;
      case 'op':
        if (word !== undefined && COMPARE_OPS.has(word)) {
          count(t);
          out.push(word);
          lastOp = t;
          state = 'value';
        } else if (word === 'pr') {
          count(t);
          out.push('pr');
          comparisonDone();
        } else if (t.kind === '[') {
          if (afterDotSub || inBrackets()) throw new ScimFilterError(`A value filter cannot be nested in another (position ${t.pos})`, t.pos);
          openGroup('[', t);
        } else if (t.kind === 'word') throw new ScimFilterError(`Unknown operator "${clip(t.text)}" at position ${t.pos}`, t.pos);
        else throw expected(`an operator after "${clip(lastAttr!.text)}"`, t);
        break;
      case 'value':
        out.push(`"${values.length}"`);
        values.push(readValue(t, lastOp!));
        comparisonDone();
        break;
      case 'after':
        if (word === 'and' || word === 'or') {
          out.push(word);
          state = 'operand';
        } else if (t.kind === ')' || t.kind === ']') {
          close(t.kind === ')' ? '(' : '[', t);
          out.push(t.kind);
        } else if (t.kind === '].') {
          // The library reads attr[F].sub op v as "attr[F] and attr.sub op v", which lets one element
          // match F and another the comparison; attr[(F) and sub op v] makes the same element match both.
          const group = close('[', t);
          out.splice(group.outIndex, 0, '(');
          out.push(')', 'and');
          const sub = tokens[++k]!;
          if (sub.kind !== 'word') throw expected('a sub-attribute name after "]."', sub);
          addAttr(sub, true);
          afterDotSub = true;
        } else if (t.kind === 'end') {
          const group = open.at(-1);
          if (group) {
            throw new ScimFilterError(`Missing "${group.kind === '(' ? ')' : ']'}" for the "${group.kind}" at position ${group.pos}`, group.pos);
          }
        } else throw expected('"and", "or" or the end of the filter', t);
        break;
    }
  }
  return { text: out.join(' '), attrs, values };
}

function readValue(t: Token, op: Token): CompValue {
  if (t.kind === 'string') return t.value!;
  if (t.kind !== 'word') throw expected(`a value after "${op.text}"`, t);
  const word = t.text.toLowerCase();
  if (word === 'true') return true;
  if (word === 'false') return false;
  if (word === 'null') return null;
  if (JSON_NUMBER.test(t.text)) {
    const n = Number(t.text);
    if (!Number.isFinite(n)) throw new ScimFilterError(`The number ${clip(t.text)} at position ${t.pos} is out of range`, t.pos);
    return n === 0 ? 0 : n; // no -0
  }
  if (word === 'and' || word === 'or' || word === 'not') throw expected(`a value after "${op.text}"`, t);
  // RFC 7644 wants strings quoted, but Microsoft's Entra sample sends `externalId eq 4a3c…` bare:
  // a single bare token that is no JSON literal can only mean that string.
  return t.text;
}

function restore(f: Filter, p: Prepared): Filter {
  const attr = (placeholder: string) => {
    const path = p.attrs[Number(placeholder.slice(1))];
    if (path === undefined) throw new Error(`lost attribute placeholder ${placeholder}`);
    return path;
  };
  switch (f.op) {
    case 'and':
    case 'or': {
      // n-ary and flat: "a or (b or c)" is "a or b or c", which is also how printFilter writes it
      const filters: Filter[] = [];
      for (const child of f.filters) {
        const r = restore(child, p);
        if (r.op === f.op) filters.push(...(r as typeof f).filters);
        else filters.push(r);
      }
      return { op: f.op, filters };
    }
    case 'not':
      return { op: 'not', filter: restore(f.filter, p) };
    case '[]':
      return { op: '[]', attrPath: attr(f.attrPath), valFilter: restore(f.valFilter, p) };
    case 'pr':
      return { op: 'pr', attrPath: attr(f.attrPath) };
    default: {
      const value = p.values[Number(f.compValue)];
      if (value === undefined) throw new Error(`lost value placeholder ${String(f.compValue)}`);
      return { op: f.op, attrPath: attr(f.attrPath), compValue: value };
    }
  }
}

function expected(what: string, t: Token): ScimFilterError {
  if (t.kind === 'end') return new ScimFilterError(`Expected ${what} at the end of the filter`, t.pos);
  return new ScimFilterError(`Expected ${what} at position ${t.pos}, found "${clip(t.text)}"`, t.pos);
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
