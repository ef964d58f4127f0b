const STRING_FILLER = '_';

/**
 * Returns `source` with the same length (in UTF-16 units) where comments
 * become spaces and the inside of string literals becomes `_`, keeping the
 * quotes. Scanning the result for punctuation such as `(` or `==` cannot be
 * fooled by text inside strings or comments.
 *
 * The scan mirrors the cel-js 8 lexer: a quote always opens a string (a
 * prefix like `r` or `b` stays as it is), `\` skips the next character even in
 * raw strings, a line break ends a single-quoted string, and `//` starts a
 * comment that runs to the end of the line.
 */
export function maskSource(source: string): string {
  // Checking, compiling and linting one text each mask it; keep the last.
  if (source === lastSource) return lastMasked;
  // Runs without comments or strings are copied as slices: adding a
  // character at a time made this a tenth of a cold compile.
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (ch === '/' && source[i + 1] === '/') {
      const end = lineEnd(source, i);
      out += source.slice(copied, i) + ' '.repeat(end - i);
      i = end;
      copied = end;
    } else if (ch === '"' || ch === "'") {
      const end = stringEnd(source, i);
      out += source.slice(copied, i) + maskString(source.slice(i, end), ch);
      i = end;
      copied = end;
    } else {
      i += 1;
    }
  }
  out += source.slice(copied);
  lastSource = source;
  lastMasked = out;
  return out;
}

let lastSource: string | undefined;
let lastMasked = '';

function lineEnd(source: string, from: number): number {
  const newline = source.indexOf('\n', from);
  return newline === -1 ? source.length : newline;
}

function stringEnd(source: string, open: number): number {
  const quote = source[open];
  const triple = source[open + 1] === quote && source[open + 2] === quote;
  let i = open + (triple ? 3 : 1);
  while (i < source.length) {
    const ch = source[i];
    if (ch === '\\') {
      i += 2;
    } else if (triple) {
      if (ch === quote && source[i + 1] === quote && source[i + 2] === quote) {
        return i + 3;
      }
      i += 1;
    } else if (ch === quote) {
      return i + 1;
    } else if (ch === '\n' || ch === '\r') {
      // cel-js rejects this; stopping here keeps later lines readable.
      return i;
    } else {
      i += 1;
    }
  }
  return source.length;
}

function maskString(literal: string, quote: string): string {
  const triple = literal.startsWith(quote.repeat(3)) && literal.length >= 6;
  const quoteLength = triple ? 3 : 1;
  const closed =
    literal.length >= 2 * quoteLength &&
    literal.endsWith(quote.repeat(quoteLength));
  const head = literal.slice(0, quoteLength);
  const tail = closed ? literal.slice(literal.length - quoteLength) : '';
  const inner = literal.length - head.length - tail.length;
  return head + STRING_FILLER.repeat(Math.max(0, inner)) + tail;
}
