import type { ParseFailure, Span } from './ast.ts';
import { DEFAULT_DIALECT, DIALECTS, type FilterDialect } from './dialect.ts';
import { code } from './display.ts';
import type { FilterProblem } from './problem.ts';
import { maskSource } from './source-mask.ts';

// Two-character tokens come first, so `!=` is not taken for `!`.
const TOKENS_BEFORE_A_VALUE = [
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '<',
  '>',
  '!',
  '(',
  '[',
  '{',
  ',',
  '?',
  ':',
  '+',
  '-',
  '*',
  '/',
  '%',
];

const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

const TOKEN_NAMES: Record<string, string> = {
  RPAREN: '`)`',
  RBRACKET: '`]`',
  RBRACE: '`}`',
  COLON: '`:`',
  IDENTIFIER: 'a name',
};

/**
 * Turns a cel-js parse failure into a message for a person, with the range
 * they would want underlined. A range with `from === to` marks the place
 * where something is missing. `dialect` names the filters in messages and
 * decides whether `claims[…]` is advice worth giving.
 */
export function describeParseFailure(
  source: string,
  failure: ParseFailure,
  dialect: FilterDialect = DEFAULT_DIALECT,
): FilterProblem {
  const masked = maskSource(source);
  const found = source.slice(failure.from, failure.to);

  switch (failure.code) {
    case 'unexpected_token':
      return problemAt(failure, missingValue(masked, failure.from, found));
    case 'expected_token':
      return expectedToken(masked, failure, found, dialect);
    case 'unexpected_character':
      if (!isTokenStart(source, failure.from)) {
        return unexpectedCharacter(source, failure.from);
      }
      return glued(source, failure) ?? problemAt(failure, trailingToken(found));
    case 'unterminated_string':
    case 'unterminated_triple_quoted_string': {
      const quote = source[failure.from] === "'" ? "'" : '"';
      const closing =
        failure.code === 'unterminated_string' ? quote : quote.repeat(3);
      return problemAt(
        failure,
        `Unterminated string: add the closing ${code(closing)}`,
      );
    }
    case 'newline_in_string': {
      const open = Math.max(
        masked.lastIndexOf('"', failure.from),
        masked.lastIndexOf("'", failure.from),
      );
      return problemAt(
        { from: open === -1 ? failure.from : open, to: failure.from },
        'A string must end on the line where it starts; add the closing quote',
      );
    }
    case 'invalid_escape_sequence':
    case 'invalid_hex_escape':
    case 'invalid_octal_escape':
    case 'octal_escape_out_of_range':
      return problemAt(
        failure,
        `Invalid escape ${code(found)} in a string; write \`\\\\\` for a backslash`,
      );
    case 'invalid_unicode_escape':
    case 'invalid_unicode_surrogate':
    case 'bytes_unicode_escape':
      return problemAt(
        failure,
        `Invalid Unicode escape ${code(found)}; write \`\\u\` followed by four hex digits`,
      );
    case 'reserved_identifier':
      return problemAt(
        failure,
        `${code(found)} is a reserved word in CEL and cannot be used as a name`,
      );
    case 'invalid_number':
    case 'invalid_integer':
    case 'invalid_hex_integer':
    case 'invalid_exponent': {
      // cel-js points past `1e+` for a missing exponent; show the number.
      const from = numberStart(source, failure.from);
      const to = Math.max(failure.to, failure.from);
      const text = source.slice(from, to);
      return problemAt({ from, to }, `Invalid number ${code(text)}`);
    }
    case 'invalid_macro_argument':
      return unsupportedMacro(masked, failure, DIALECTS[dialect].name);
    case 'limit_exceeded':
      return problemAt(failure, limitMessage(failure.summary));
    case 'too_deep':
      return problemAt(
        failure,
        'The filter is too long or nested too deeply to check',
      );
    default:
      return problemAt(failure, 'This is not valid filter syntax');
  }
}

function problemAt(span: Span, message: string): FilterProblem {
  return { from: span.from, to: span.to, message };
}

/** The token that ends just before `position`, if it is one that needs a value after it. */
function tokenBefore(masked: string, position: number): string | undefined {
  let end = position;
  while (end > 0 && /[ \t\n\r]/.test(masked[end - 1] ?? '')) end--;
  const before = masked.slice(0, end);
  if (/(^|[^A-Za-z0-9_])in$/.test(before)) return 'in';
  return TOKENS_BEFORE_A_VALUE.find((token) => before.endsWith(token));
}

function missingValue(masked: string, position: number, found: string): string {
  const previous = tokenBefore(masked, position);
  const what =
    previous === '&&' || previous === '||' || previous === '!'
      ? 'a condition'
      : 'a value';
  if (found === '') {
    return previous === undefined
      ? 'The filter ends too early'
      : `Expected ${what} after ${code(previous)}`;
  }
  return previous === undefined
    ? `Expected a value at the start of the filter, found ${code(found)}`
    : `Expected ${what} after ${code(previous)}, found ${code(found)}`;
}

function expectedToken(
  masked: string,
  failure: ParseFailure,
  found: string,
  dialect: FilterDialect,
): FilterProblem {
  const dialectName = DIALECTS[dialect].name;
  const hasClaims = dialect === 'identity-pool';
  const expected = /^Expected (\w+)/.exec(failure.summary)?.[1] ?? '';
  switch (expected) {
    case 'RPAREN':
    case 'RBRACKET':
    case 'RBRACE': {
      const closer =
        expected === 'RPAREN' ? ')' : expected === 'RBRACKET' ? ']' : '}';
      if (found !== '') {
        const operator = closer === ')' ? ' or an operator such as `&&`' : '';
        return problemAt(
          failure,
          `Expected ${code(closer)}${operator} before ${code(found)}`,
        );
      }
      const opener = innermostUnclosed(masked, failure.from, closer);
      const message = `This ${code(CLOSERS[closer] ?? '')} is never closed; add ${code(closer)}`;
      return opener === undefined
        ? problemAt(failure, message)
        : { from: opener, to: opener + 1, message };
    }
    case 'IDENTIFIER':
      if (found === '') {
        return problemAt(
          failure,
          hasClaims
            ? 'Expected a claim name after `.`'
            : 'Expected a name after `.`',
        );
      }
      if (hasClaims && (found.startsWith('"') || found.startsWith("'"))) {
        return problemAt(
          failure,
          `Expected a name after \`.\`; write a claim name with special characters as \`claims[${found}]\``,
        );
      }
      if (hasClaims && /^[A-Za-z_]\w*$/.test(found)) {
        return problemAt(
          failure,
          `${code(found)} is a keyword; write this claim as \`claims["${found}"]\``,
        );
      }
      return problemAt(
        failure,
        `Expected a name after \`.\`, found ${code(found)}`,
      );
    case 'COLON':
      // Both `a ? b : c` and map entries `{k: v}` expect a colon.
      return problemAt(
        failure,
        masked.lastIndexOf('?', failure.from) >
          masked.lastIndexOf('{', failure.from)
          ? `The conditional operator \`? :\` is not supported in ${dialectName} filters`
          : `Maps (\`{…}\`) are not supported in ${dialectName} filters`,
      );
    default: {
      const name = TOKEN_NAMES[expected] ?? 'something else';
      return problemAt(
        failure,
        found === ''
          ? `Expected ${name} before the end of the filter`
          : `Expected ${name}, found ${code(found)}`,
      );
    }
  }
}

/** The innermost opener of `closer`'s kind left open before `position`. */
function innermostUnclosed(
  masked: string,
  position: number,
  closer: string,
): number | undefined {
  const opener = CLOSERS[closer];
  const open: number[] = [];
  for (let i = 0; i < position && i < masked.length; i++) {
    if (masked[i] === opener) open.push(i);
    if (masked[i] === closer) open.pop();
  }
  return open.at(-1);
}

/**
 * Whether a token can start at `position`. cel-js reports both a character
 * its lexer cannot read and a whole expression followed by a stray token as
 * `unexpected_character`; this tells them apart.
 */
function isTokenStart(source: string, position: number): boolean {
  const ch = source[position] ?? '';
  const next = source[position + 1];
  if (ch === '=') return next === '=';
  if (ch === '&') return next === '&';
  if (ch === '|') return next === '|';
  return /[A-Za-z0-9_"'+\-*/%<>!()[\]{}.,:?]/.test(ch);
}

/**
 * A word glued to a number, as in `1e` or `5abc`: cel-js reads the digits as
 * a number and then stumbles over the word after it.
 */
function glued(
  source: string,
  failure: ParseFailure,
): FilterProblem | undefined {
  if (!/^[A-Za-z_]/.test(source[failure.from] ?? '')) return;
  if (!/[0-9]/.test(source[failure.from - 1] ?? '')) return;
  let from = failure.from - 1;
  while (from > 0 && /[0-9A-Za-z_.]/.test(source[from - 1] ?? '')) from--;
  const text = source.slice(from, failure.to);
  return { from, to: failure.to, message: `Invalid number ${code(text)}` };
}

function numberStart(source: string, position: number): number {
  let from = position;
  while (from > 0 && /[0-9A-Za-z_.+-]/.test(source[from - 1] ?? '')) from--;
  while (from < position && !/[0-9]/.test(source[from] ?? '')) from++;
  return from;
}

function trailingToken(found: string): string {
  const opener = CLOSERS[found];
  if (opener !== undefined) {
    return found === ')'
      ? 'Unbalanced parenthesis: this `)` has no matching `(`'
      : `This ${code(found)} has no matching ${code(opener)}`;
  }
  const word = found.toLowerCase();
  if (word === 'and') return `Use \`&&\` instead of ${code(found)}`;
  if (word === 'or') return `Use \`||\` instead of ${code(found)}`;
  if (word === 'not') return `Use \`!\` instead of ${code(found)}`;
  return `Expected an operator such as \`==\`, \`&&\` or \`||\` before ${code(found)}`;
}

function unexpectedCharacter(source: string, position: number): FilterProblem {
  const ch = String.fromCodePoint(source.codePointAt(position) ?? 0);
  const span = { from: position, to: position + ch.length };
  const before = source.slice(Math.max(0, position - 2), position);
  if (ch === '=' && (before === '==' || before === '!=')) {
    const intended = before === '==' ? '==' : '!=';
    return {
      from: position - 2,
      to: position + 1,
      message: `${code(before + ch)} is not CEL; use ${code(intended)}`,
    };
  }
  return { ...span, message: characterMessage(ch) };
}

function characterMessage(ch: string): string {
  if (ch === '=') return 'Use `==` to compare; `=` alone is not an operator';
  if (ch === '&') return 'Use `&&` for “and”; `&` alone is not an operator';
  if (ch === '|') return 'Use `||` for “or”; `|` alone is not an operator';
  if ('“”‘’„‚«»'.includes(ch)) {
    return `Use straight quotes (\`"\` or \`'\`) around strings, not ${code(ch)}`;
  }
  if (/[\p{L}\p{N}\p{P}\p{S}]/u.test(ch))
    return `Unexpected character ${code(ch)}`;
  const hex = (ch.codePointAt(0) ?? 0).toString(16).toUpperCase();
  const codePoint = `U+${hex.padStart(4, '0')}`;
  return /\s/u.test(ch)
    ? `Unexpected space character ${codePoint}; use a plain space`
    : `Unexpected invisible character ${codePoint}`;
}

function unsupportedMacro(
  masked: string,
  failure: ParseFailure,
  dialectName: string,
): FilterProblem {
  const name = /^(\w+)\(/.exec(failure.summary)?.[1];
  const message =
    name === undefined
      ? `This macro is not supported in ${dialectName} filters`
      : `${code(`${name}()`)} is not supported in ${dialectName} filters`;
  if (name === undefined)
    return { from: failure.from, to: failure.to, message };
  // cel-js points at the bad argument; underline the whole call instead, as
  // the subset check does for supported syntax.
  const nameFrom = masked.lastIndexOf(name, failure.from);
  const open = masked.indexOf('(', nameFrom + name.length);
  let depth = 0;
  for (let i = open; nameFrom !== -1 && open !== -1 && i < masked.length; i++) {
    if (masked[i] === '(') depth++;
    if (masked[i] === ')') depth--;
    if (depth === 0) return { from: nameFrom, to: i + 1, message };
  }
  return { from: failure.from, to: failure.to, message };
}

function limitMessage(summary: string): string {
  const limit = /^Exceeded (\w+)/.exec(summary)?.[1];
  switch (limit) {
    case 'maxDepth':
      return 'The filter is nested too deeply';
    case 'maxListElements':
      return 'The list has too many items';
    case 'maxCallArguments':
      return 'Too many arguments';
    case 'maxMapEntries':
      return 'The map has too many entries';
    default:
      return 'The filter is too long to check';
  }
}
