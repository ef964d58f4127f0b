import { ParseError, parse } from '@marcbachmann/cel-js';
import type { ASTNode } from '@marcbachmann/cel-js';
import { maskSource } from './source-mask.ts';

/** A 0-based half-open UTF-16 range [from, to) into the filter source. */
export type Span = { from: number; to: number };

/** Binary operators as CEL spells them. */
export type BinaryOperator =
  | '=='
  | '!='
  | 'in'
  | '<'
  | '<='
  | '>'
  | '>='
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '&&'
  | '||';

/**
 * A node of a parsed filter. `from`/`to` cover the node's own text,
 * including any parentheses around its operands but not parentheses around
 * the node itself: in `!(a)` the `!` node covers all four characters and the
 * `a` node one.
 */
export type FilterNode =
  | (Span & { kind: 'string'; value: string })
  | (Span & { kind: 'bool'; value: boolean })
  | (Span & { kind: 'number' })
  | (Span & { kind: 'null' })
  | (Span & { kind: 'bytes' })
  | (Span & { kind: 'ident'; name: string })
  | (Span & {
      kind: 'select';
      target: FilterNode;
      field: string;
      /** Where the field name starts; it ends at `to`. */
      fieldFrom: number;
    })
  | (Span & { kind: 'index'; target: FilterNode; index: FilterNode })
  | (Span & {
      kind: 'call';
      name: string;
      args: FilterNode[];
      /** Where the function name ends; it starts at `from`. */
      nameTo: number;
    })
  | (Span & {
      kind: 'method';
      name: string;
      target: FilterNode;
      args: FilterNode[];
      /** Where the method name starts; `[nameFrom, to)` is `name(args)`. */
      nameFrom: number;
    })
  | (Span & { kind: 'list'; items: FilterNode[] })
  | (Span & { kind: 'map'; entries: [FilterNode, FilterNode][] })
  | (Span & {
      kind: 'binary';
      op: BinaryOperator;
      left: FilterNode;
      right: FilterNode;
      /** The operator token. */
      opSpan: Span;
    })
  | (Span & { kind: 'unary'; op: '!' | '-'; operand: FilterNode })
  | (Span & {
      kind: 'conditional';
      test: FilterNode;
      consequent: FilterNode;
      alternate: FilterNode;
      /** The `?` token. */
      opSpan: Span;
    })
  | (Span & { kind: 'unknown'; op: string });

/**
 * Why cel-js refused the source. `code` is cel-js's error code (for example
 * `unexpected_token`), or `too_deep` / `internal` for failures outside its
 * parser; `summary` is its one-line message, meant for logs, not people.
 */
export type ParseFailure = Span & { code: string; summary: string };

/** The outcome of {@link parseFilterAst}. */
export type ParseOutcome =
  { ok: true; root: FilterNode } | { ok: false; failure: ParseFailure };

// Far above any real filter, and low enough that the recursive walks over the
// tree stay clear of the call-stack limit.
const MAX_NESTING = 1000;

/**
 * Parses a filter with cel-js and returns a typed tree with exact source
 * positions. Never throws.
 */
export function parseFilterAst(source: string): ParseOutcome {
  // Checking, compiling and linting one text each parse it; the last result
  // is kept so a keystroke or a compile parses once (results are never mutated).
  if (lastParsed?.source === source) return lastParsed.outcome;
  const outcome = parseUncached(source);
  lastParsed = { source, outcome };
  return outcome;
}

let lastParsed: { source: string; outcome: ParseOutcome } | undefined;

function parseUncached(source: string): ParseOutcome {
  let celRoot: ASTNode;
  try {
    celRoot = parse(source).ast;
  } catch (error) {
    return { ok: false, failure: failureFromError(error, source) };
  }
  try {
    return { ok: true, root: convert(startConversion(source), celRoot, 0) };
  } catch (error) {
    if (error instanceof NestingError) {
      return {
        ok: false,
        failure: {
          code: 'too_deep',
          summary: `Expression nested deeper than ${MAX_NESTING} at ${error.at}`,
          from: 0,
          to: source.length,
        },
      };
    }
    return { ok: false, failure: failureFromError(error, source) };
  }
}

function failureFromError(error: unknown, source: string): ParseFailure {
  if (error instanceof ParseError) {
    const from = clamp(error.range?.start ?? 0, source.length);
    const to = clamp(error.range?.end ?? from, source.length);
    return { code: error.code, summary: error.summary, from, to };
  }
  // cel-js recurses on `!!!…` and `---…` without a depth limit.
  const code = error instanceof RangeError ? 'too_deep' : 'internal';
  return { code, summary: String(error), from: 0, to: source.length };
}

function clamp(position: number, length: number): number {
  return Math.min(Math.max(0, position), length);
}

class NestingError extends Error {
  readonly at: number;

  constructor(at: number) {
    super('Expression nested too deeply');
    this.at = at;
  }
}

/**
 * cel-js drops grouping parentheses from its tree and ends a node where its
 * last operand ends, so `!(a)` is reported as `!(a`. The conversion finds the
 * parentheses again in the masked source to give every node its full span.
 */
type Conversion = {
  masked: string;
  closeOf: Map<number, number>;
  callParens: Set<number>;
};

function startConversion(source: string): Conversion {
  const masked = maskSource(source);
  const closeOf = new Map<number, number>();
  const opens: number[] = [];
  for (let i = 0; i < masked.length; i++) {
    if (masked[i] === '(') opens.push(i);
    if (masked[i] === ')') {
      const open = opens.pop();
      if (open !== undefined) closeOf.set(open, i);
    }
  }
  return { masked, closeOf, callParens: new Set() };
}

function convert(c: Conversion, node: ASTNode, depth: number): FilterNode {
  if (depth > MAX_NESTING) throw new NestingError(node.start);
  const next = depth + 1;
  const from = node.start;
  const to = node.end;
  switch (node.op) {
    case 'value':
      return literal(node.args, from, to);
    case 'id':
      return { kind: 'ident', name: node.args, from, to };
    case '.': {
      const target = convert(c, node.args[0], next);
      return {
        kind: 'select',
        target,
        field: node.args[1],
        fieldFrom: node.pos,
        from: outerSpan(c, target).from,
        to,
      };
    }
    case '[]': {
      const target = convert(c, node.args[0], next);
      const index = convert(c, node.args[1], next);
      return {
        kind: 'index',
        target,
        index,
        from: outerSpan(c, target).from,
        to,
      };
    }
    case 'call': {
      const [name, celArgs] = node.args;
      const nameTo = from + name.length;
      markCallParen(c, nameTo);
      const args = celArgs.map((arg) => convert(c, arg, next));
      return { kind: 'call', name, args, nameTo, from, to };
    }
    case 'rcall': {
      const [name, celTarget, celArgs] = node.args;
      const target = convert(c, celTarget, next);
      const targetSpan = outerSpan(c, target);
      const dot = c.masked.indexOf('.', targetSpan.to);
      const nameFrom = c.masked.indexOf(name, dot);
      markCallParen(c, nameFrom + name.length);
      const args = celArgs.map((arg) => convert(c, arg, next));
      return {
        kind: 'method',
        name,
        target,
        args,
        nameFrom,
        from: targetSpan.from,
        to,
      };
    }
    case 'list':
      return {
        kind: 'list',
        items: node.args.map((item) => convert(c, item, next)),
        from,
        to,
      };
    case 'map':
      return {
        kind: 'map',
        entries: node.args.map(([key, value]): [FilterNode, FilterNode] => [
          convert(c, key, next),
          convert(c, value, next),
        ]),
        from,
        to,
      };
    case '!_':
    case '-_': {
      const operand = convert(c, node.args, next);
      const op = node.op === '!_' ? '!' : '-';
      return { kind: 'unary', op, operand, from, to: outerSpan(c, operand).to };
    }
    case '?:': {
      const test = convert(c, node.args[0], next);
      const consequent = convert(c, node.args[1], next);
      const alternate = convert(c, node.args[2], next);
      const testSpan = outerSpan(c, test);
      const opFrom = c.masked.indexOf('?', testSpan.to);
      return {
        kind: 'conditional',
        test,
        consequent,
        alternate,
        opSpan: { from: opFrom, to: opFrom + 1 },
        from: testSpan.from,
        to: outerSpan(c, alternate).to,
      };
    }
    case '.?':
    case '[?]':
      // Optional chaining is off in cel-js's default environment.
      return { kind: 'unknown', op: node.op, from, to };
    default:
      // Guards against node kinds a later cel-js might add.
      if (!Array.isArray(node.args) || node.args.length !== 2) {
        return { kind: 'unknown', op: String(node.op), from, to };
      }
      return convertBinary(c, node.op, node.args, next);
  }
}

function convertBinary(
  c: Conversion,
  op: BinaryOperator,
  [celLeft, celRight]: [ASTNode, ASTNode],
  depth: number,
): FilterNode {
  const left = convert(c, celLeft, depth);
  const right = convert(c, celRight, depth);
  const leftSpan = outerSpan(c, left);
  const rightSpan = outerSpan(c, right);
  // Only whitespace and parentheses can surround the operator in the gap.
  const gap = c.masked.slice(leftSpan.to, rightSpan.from);
  const offset = op === 'in' ? gap.search(/\bin\b/) : gap.indexOf(op);
  const opFrom = leftSpan.to + offset;
  return {
    kind: 'binary',
    op,
    left,
    right,
    opSpan: { from: opFrom, to: opFrom + op.length },
    from: leftSpan.from,
    to: rightSpan.to,
  };
}

function markCallParen(c: Conversion, nameTo: number): void {
  const open = c.masked.indexOf('(', nameTo);
  if (open !== -1) c.callParens.add(open);
}

/** The node's span widened by the grouping parentheses around it. */
function outerSpan(c: Conversion, node: FilterNode): Span {
  let { from, to } = node;
  for (;;) {
    let open = from - 1;
    while (open >= 0 && isSpace(c.masked[open])) open--;
    let close = to;
    while (close < c.masked.length && isSpace(c.masked[close])) close++;
    if (
      c.masked[open] !== '(' ||
      c.closeOf.get(open) !== close ||
      c.callParens.has(open)
    ) {
      return { from, to };
    }
    from = open;
    to = close + 1;
  }
}

function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

function literal(value: unknown, from: number, to: number): FilterNode {
  if (typeof value === 'string') return { kind: 'string', value, from, to };
  if (typeof value === 'boolean') return { kind: 'bool', value, from, to };
  if (value === null) return { kind: 'null', from, to };
  if (value instanceof Uint8Array) return { kind: 'bytes', from, to };
  // int (bigint), uint (cel-js's UnsignedInt) and double (number)
  return { kind: 'number', from, to };
}
