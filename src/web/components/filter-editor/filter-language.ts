import {
  HighlightStyle,
  StreamLanguage,
  syntaxHighlighting,
  type StringStream,
} from '@codemirror/language';
import { linter, type Diagnostic } from '@codemirror/lint';
import type { Extension } from '@codemirror/state';
import { tags } from '@lezer/highlight';
import { DIALECTS, type FilterDialect } from '#filter/dialect.ts';
import {
  lintFilter,
  type LintDiagnostic,
  type LintOptions,
} from '#filter/lint.ts';

// --- Tokens and highlighting -------------------------------------------------

type TokenState = { afterDot: boolean };

/**
 * The filter language of `dialect` for CodeMirror, as tokens only: they are
 * all highlighting needs, and whether a filter parses is the linter's word
 * (#filter/lint.ts), not the editor's. The dialect's variables (`claims`,
 * `groups`, `CN`…) stand out from other names.
 */
export function filterLanguageFor(
  dialect: FilterDialect,
): StreamLanguage<TokenState> {
  const cached = LANGUAGES.get(dialect);
  if (cached !== undefined) return cached;
  const variables: ReadonlySet<string> = new Set(DIALECTS[dialect].variables);
  const language = StreamLanguage.define<TokenState>({
    name: 'cel-filter',
    startState: () => ({ afterDot: false }),
    token: (stream, state) => readToken(stream, state, variables),
    languageData: {
      closeBrackets: { brackets: ['(', '[', '"', "'"] },
      commentTokens: { line: '//' },
    },
  });
  LANGUAGES.set(dialect, language);
  return language;
}

// One language per dialect, so editors of one dialect share their parser.
const LANGUAGES = new Map<FilterDialect, StreamLanguage<TokenState>>();

function readToken(
  stream: StringStream,
  state: TokenState,
  variables: ReadonlySet<string>,
): string | null {
  if (stream.eatSpace()) return null;
  const afterDot = state.afterDot;
  state.afterDot = false;
  if (stream.match('//')) {
    stream.skipToEnd();
    return 'lineComment';
  }
  // Raw and bytes prefixes (r"…", b'…') belong to the string.
  stream.match(/^[rRbB]{1,2}(?=["'])/);
  const quote = stream.peek();
  if (quote === '"' || quote === "'") {
    stream.next();
    let escaped = false;
    for (let ch = stream.next(); ch !== undefined; ch = stream.next()) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === quote) break;
    }
    return 'string';
  }
  if (stream.match(/^[A-Za-z_]\w*/)) {
    const isCall = stream.match(/^\s*\(/, false) !== null;
    if (afterDot) return isCall ? 'variableName.function' : 'propertyName';
    const word = stream.current();
    if (variables.has(word)) return 'variableName.special';
    if (word === 'true' || word === 'false') return 'bool';
    if (word === 'null') return 'null';
    if (word === 'in') return 'operatorKeyword';
    return isCall ? 'variableName.function' : 'variableName';
  }
  if (stream.match(/^\d+(\.\d+)?/)) return 'number';
  if (stream.match(/^(==|!=|<=|>=|<|>)/)) return 'compareOperator';
  if (stream.match(/^(&&|\|\||!)/)) return 'logicOperator';
  const ch = stream.next();
  if (ch === '.') {
    state.afterDot = true;
    return 'derefOperator';
  }
  if (ch === '(' || ch === ')') return 'paren';
  if (ch === '[' || ch === ']') return 'squareBracket';
  if (ch === ',') return 'separator';
  return null;
}

// Colours keep at least 4.5:1 against the field in both themes; the values
// are custom properties in src/index.css, switched with <html data-theme>.
const filterHighlightStyle = HighlightStyle.define([
  { tag: tags.string, color: 'var(--code-string)' },
  {
    tag: tags.special(tags.variableName),
    color: 'var(--code-claims)',
    fontWeight: '600',
  },
  { tag: tags.propertyName, color: 'var(--code-property)' },
  { tag: tags.function(tags.variableName), color: 'var(--code-function)' },
  {
    tag: [tags.compareOperator, tags.logicOperator, tags.derefOperator],
    color: 'var(--code-operator)',
  },
  {
    tag: [tags.bool, tags.null, tags.operatorKeyword, tags.number],
    color: 'var(--code-literal)',
  },
  {
    tag: tags.lineComment,
    color: 'var(--code-comment)',
    fontStyle: 'italic',
  },
]);

/** The filter's colours (tokens of src/index.css, so both themes apply). */
export const filterHighlighting: Extension =
  syntaxHighlighting(filterHighlightStyle);

// --- Lint --------------------------------------------------------------------

/**
 * The findings for `source`, none while it is empty: an empty field is the
 * starting point, not a mistake (the placeholder shows what to write, and
 * the form's own validation says it is required).
 */
export function lintEditorSource(
  source: string,
  options: LintOptions,
): LintDiagnostic[] {
  return source.trim() === '' ? [] : lintFilter(source, options);
}

/**
 * Underlines the same findings as the list under the editor, a moment
 * after typing stops; `readOptions` gives the options of the moment.
 */
export function filterLinter(readOptions: () => LintOptions): Extension {
  return linter(
    (view) =>
      lintEditorSource(view.state.doc.toString(), readOptions()).map(
        toEditorDiagnostic,
      ),
    { delay: 150 },
  );
}

function renderMessage(text: string): Node {
  const root = document.createElement('span');
  text.split('`').forEach((part, index) => {
    if (index % 2 === 0) {
      root.append(part);
      return;
    }
    const code = document.createElement('code');
    code.textContent = part;
    root.append(code);
  });
  return root;
}

/** A lint finding as CodeMirror underlines it, its fix as the tooltip's action. */
function toEditorDiagnostic(diagnostic: LintDiagnostic): Diagnostic {
  const { fix } = diagnostic;
  return {
    from: diagnostic.from,
    to: diagnostic.to,
    severity: diagnostic.severity,
    source: diagnostic.rule,
    message: diagnostic.message,
    renderMessage: () => renderMessage(diagnostic.message),
    actions:
      fix === undefined
        ? undefined
        : [
            {
              name: fix.label.replaceAll('`', ''),
              // from/to are where the diagnostic is now; the fix's own range
              // moves with it.
              apply: (view, from, to) => {
                const length = view.state.doc.length;
                const start = clamp(fix.from + from - diagnostic.from, length);
                const end = clamp(fix.to + to - diagnostic.to, length);
                view.dispatch({
                  changes: {
                    from: start,
                    to: Math.max(start, end),
                    insert: fix.insert,
                  },
                  selection: { anchor: start + fix.insert.length },
                  userEvent: 'input.fix',
                });
              },
            },
          ],
  };
}

function clamp(position: number, length: number): number {
  return Math.min(Math.max(position, 0), length);
}
