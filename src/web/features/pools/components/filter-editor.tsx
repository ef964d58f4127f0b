import {
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  completionKeymap,
  pickedCompletion,
  startCompletion,
  type Completion,
  type CompletionContext,
  type CompletionResult,
} from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import {
  bracketMatching,
  HighlightStyle,
  StreamLanguage,
  syntaxHighlighting,
  type StringStream,
} from '@codemirror/language';
import {
  forceLinting,
  linter,
  lintKeymap,
  type Diagnostic,
} from '@codemirror/lint';
import {
  Annotation,
  ChangeSet,
  Compartment,
  EditorState,
  Prec,
} from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import {
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type RefObject,
} from 'react';
import { DEFAULT_FILTER_MAX_LENGTH } from '#contract/bodies.ts';
import { formatClaimPath, lookupClaim } from '#filter/evaluate.ts';
import { REGISTERED_CLAIMS } from '#filter/templates.ts';
import {
  lintFilter,
  type LintDiagnostic,
  type LintFix,
  type LintOptions,
  type LintSeverity,
} from '#filter/lint.ts';
import { Button } from '@/components/ui/button.tsx';
import { cn } from '@/lib/cn.ts';

/** Where the text cursor was in the stand-in textarea when the editor arrived. */
export type FilterFocusHandoff = { anchor: number; head: number };

export type FilterEditorProps = {
  /** The label's `htmlFor` target; set on the editable element. */
  id: string;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  ariaDescribedBy?: string;
  invalid?: boolean;
  /** A decoded sample token, for completions and lint. */
  sampleClaims?: Record<string, unknown>;
  sharedIssuer?: boolean;
  maxLength?: number;
  /**
   * Set by LazyFilterEditor while its fallback textarea has focus, so the
   * editor can take the focus over instead of dropping it mid-typing.
   */
  focusHandoff?: RefObject<FilterFocusHandoff | null>;
};

const PLACEHOLDER = 'claims.aud == "kafka" && claims.sub.startsWith("svc-")';

export function FilterEditor({
  id,
  value,
  onChange,
  onBlur,
  ariaDescribedBy,
  invalid = false,
  sampleClaims,
  sharedIssuer = false,
  maxLength = DEFAULT_FILTER_MAX_LENGTH,
  focusHandoff,
}: FilterEditorProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const [attributesSlot] = useState(() => new Compartment());
  // Values this editor reported that the parent has not rendered yet: seeing
  // one come back as `value` is an echo, not a change from outside.
  const unconfirmed = useRef<string[]>([]);
  const listId = useId();

  const lintOptions = useMemo<LintOptions>(
    () => ({ sampleClaims, sharedIssuer, maxLength }),
    [sampleClaims, sharedIssuer, maxLength],
  );
  const diagnostics = useMemo(
    () => lintEditorSource(value, lintOptions),
    [value, lintOptions],
  );
  const describedBy =
    [ariaDescribedBy, diagnostics.length > 0 ? listId : undefined]
      .filter(Boolean)
      .join(' ') || undefined;
  // The field is invalid while it shows an error, not only once the form
  // has refused it.
  const isInvalid =
    invalid || diagnostics.some(({ severity }) => severity === 'error');
  const attributes = useMemo(
    () => contentAttributes(id, describedBy, isInvalid),
    [id, describedBy, isInvalid],
  );

  // CodeMirror's callbacks outlive renders; they read the latest props here.
  const latest = useRef({
    value,
    onChange,
    onBlur,
    lintOptions,
    attributes,
    focusHandoff,
  });
  useLayoutEffect(() => {
    latest.current = {
      value,
      onChange,
      onBlur,
      lintOptions,
      attributes,
      focusHandoff,
    };
  });

  useEffect(() => {
    const host = hostRef.current;
    if (host === null) return;
    const initial = latest.current;
    const view = new EditorView({
      parent: host,
      state: EditorState.create({
        doc: initial.value,
        extensions: [
          attributesSlot.of(
            EditorView.contentAttributes.of(initial.attributes),
          ),
          history(),
          closeBrackets(),
          bracketMatching(),
          filterLanguage,
          syntaxHighlighting(filterHighlightStyle),
          autocompletion({
            override: [
              (context) =>
                completeFilter(
                  context,
                  latest.current.lintOptions.sampleClaims,
                ),
            ],
          }),
          linter(
            (editor) =>
              lintEditorSource(
                editor.state.doc.toString(),
                latest.current.lintOptions,
              ).map(toEditorDiagnostic),
            { delay: 150 },
          ),
          placeholder(PLACEHOLDER),
          EditorView.lineWrapping,
          editorTheme,
          // Ctrl/Cmd+Enter submits the surrounding form: claim the key so no
          // line break goes in, but let the event bubble to the form.
          Prec.highest(keymap.of([{ key: 'Mod-Enter', run: () => true }])),
          keymap.of([
            ...closeBracketsKeymap,
            ...defaultKeymap,
            ...historyKeymap,
            ...completionKeymap,
            ...lintKeymap,
          ]),
          EditorView.updateListener.of((update) => {
            if (!update.docChanged) return;
            if (update.transactions.every((tr) => tr.annotation(fromProps)))
              return;
            const next = update.state.doc.toString();
            unconfirmed.current = [...unconfirmed.current.slice(-50), next];
            latest.current.onChange(next);
          }),
          EditorView.domEventHandlers({
            blur: () => {
              latest.current.onBlur?.();
              return false;
            },
          }),
        ],
      }),
    });
    viewRef.current = view;
    const handoff = initial.focusHandoff?.current;
    if (handoff) {
      const length = view.state.doc.length;
      view.dispatch({
        selection: {
          anchor: Math.min(handoff.anchor, length),
          head: Math.min(handoff.head, length),
        },
      });
      view.focus();
    }
    return () => {
      viewRef.current = null;
      view.destroy();
    };
  }, [attributesSlot]);

  useEffect(() => {
    viewRef.current?.dispatch({
      effects: attributesSlot.reconfigure(
        EditorView.contentAttributes.of(attributes),
      ),
    });
  }, [attributesSlot, attributes]);

  useEffect(() => {
    const view = viewRef.current;
    if (view !== null) forceLinting(view);
  }, [lintOptions]);

  useEffect(() => {
    const view = viewRef.current;
    if (view === null) return;
    const doc = view.state.doc.toString();
    const echo = unconfirmed.current.indexOf(value);
    if (value === doc) {
      unconfirmed.current = [];
      return;
    }
    if (echo >= 0) {
      // The parent is still catching up with the user's typing.
      unconfirmed.current = unconfirmed.current.slice(echo + 1);
      return;
    }
    unconfirmed.current = [];
    // A minimal replacement keeps the cursor where it was and gives undo a
    // step the user can recognise (a builder edit, a reset).
    const change = minimalChange(doc, value);
    const cursor = view.state.selection.main;
    // Text arriving at the caret (keystrokes made in the stand-in textarea
    // while this chunk loaded) lands before it, as typing would.
    const atCaret =
      view.hasFocus &&
      cursor.empty &&
      cursor.head === change.from &&
      change.to === change.from;
    view.dispatch({
      changes: change,
      annotations: fromProps.of(true),
      ...(atCaret
        ? { selection: { anchor: change.from + change.insert.length } }
        : {}),
    });
  }, [value]);

  function applyFix(fix: LintFix) {
    const view = viewRef.current;
    if (view === null) {
      onChange(value.slice(0, fix.from) + fix.insert + value.slice(fix.to));
      return;
    }
    // The fix is for `value`; if the editor is already ahead of it, move the
    // range over the newer text instead of dropping that text.
    const doc = view.state.doc.toString();
    const ahead = ChangeSet.of(minimalChange(value, doc), value.length);
    const from = ahead.mapPos(fix.from, 1);
    const to = Math.max(from, ahead.mapPos(fix.to, -1));
    view.dispatch({
      changes: { from, to, insert: fix.insert },
      selection: { anchor: from + fix.insert.length },
      userEvent: 'input.fix',
      scrollIntoView: true,
    });
    // The button goes away with its diagnostic; put the focus back to work.
    view.focus();
  }

  return (
    <div data-slot="filter-editor" className="grid grid-cols-1 gap-2">
      <div
        ref={hostRef}
        className={cn(
          'grid min-h-20 w-full grid-cols-1 rounded-md border bg-white font-mono text-sm text-slate-900 focus-within:outline-2 focus-within:outline-offset-1 focus-within:outline-brand-600',
          isInvalid ? 'border-red-700' : 'border-slate-300',
        )}
      />
      {diagnostics.length > 0 && (
        <ul
          id={listId}
          aria-label="Filter diagnostics"
          className="grid gap-1.5 text-sm"
        >
          {diagnostics.map((diagnostic, index) => (
            <li
              key={`${diagnostic.rule}:${diagnostic.from}:${diagnostic.to}:${index}`}
              className="flex flex-wrap items-baseline gap-x-2 gap-y-1"
            >
              <span className={SEVERITY_CLASSES[diagnostic.severity]}>
                <span className="font-semibold">
                  {SEVERITY_LABELS[diagnostic.severity]},{' '}
                  {describeRange(diagnostic)}:
                </span>{' '}
                <MessageText text={diagnostic.message} />
              </span>
              {diagnostic.fix && (
                <Button
                  variant="secondary"
                  size="wrap"
                  onClick={() => diagnostic.fix && applyFix(diagnostic.fix)}
                >
                  Fix: <MessageText text={diagnostic.fix.label} />
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

// --- Props to CodeMirror ------------------------------------------------------

/** Marks a transaction that brings the `value` prop in, so it is not echoed. */
const fromProps = Annotation.define<boolean>();

function contentAttributes(
  id: string,
  describedBy: string | undefined,
  invalid: boolean,
): Record<string, string> {
  // A <label htmlFor> cannot name a contenteditable, hence the aria-label.
  const attributes: Record<string, string> = {
    id,
    'aria-label': 'Filter',
    'aria-multiline': 'true',
    'aria-invalid': invalid ? 'true' : 'false',
  };
  if (describedBy !== undefined) attributes['aria-describedby'] = describedBy;
  return attributes;
}

function minimalChange(
  from: string,
  to: string,
): { from: number; to: number; insert: string } {
  let start = 0;
  const shorter = Math.min(from.length, to.length);
  while (start < shorter && from[start] === to[start]) start++;
  let end = 0;
  while (
    end < shorter - start &&
    from[from.length - 1 - end] === to[to.length - 1 - end]
  ) {
    end++;
  }
  return {
    from: start,
    to: from.length - end,
    insert: to.slice(start, to.length - end),
  };
}

// --- Diagnostics ------------------------------------------------------------

// An empty field is the starting point, not a mistake: the placeholder shows
// what to write, and the form's own validation says it is required.
function lintEditorSource(
  source: string,
  options: LintOptions,
): LintDiagnostic[] {
  return source.trim() === '' ? [] : lintFilter(source, options);
}

const SEVERITY_LABELS: Record<LintSeverity, string> = {
  error: 'Error',
  warning: 'Warning',
  info: 'Info',
};

const SEVERITY_CLASSES: Record<LintSeverity, string> = {
  error: 'text-red-700',
  warning: 'text-amber-800',
  info: 'text-slate-700',
};

function describeRange({ from, to }: LintDiagnostic): string {
  // People count characters from 1; the range is shown inclusive.
  return to - from <= 1
    ? `character ${from + 1}`
    : `characters ${from + 1}–${to}`;
}

/** Lint messages quote filter text in backticks; show those parts as code. */
function MessageText({ text }: { text: string }) {
  return text.split('`').map((part, index) =>
    index % 2 === 1 ? (
      <code key={index} className="font-mono text-xs">
        {part}
      </code>
    ) : (
      part
    ),
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

// --- Highlighting -----------------------------------------------------------

type TokenState = { afterDot: boolean };

const filterLanguage = StreamLanguage.define<TokenState>({
  name: 'cel-filter',
  startState: () => ({ afterDot: false }),
  token: readToken,
  languageData: {
    closeBrackets: { brackets: ['(', '[', '"', "'"] },
    commentTokens: { line: '//' },
  },
});

function readToken(stream: StringStream, state: TokenState): string | null {
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
    if (word === 'claims') return 'variableName.special';
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

// Tooltips (lint messages, completions) take the page's surface and text
// colours (theme tokens), so they follow dark mode with the rest.
const editorTheme = EditorView.theme({
  '&': { backgroundColor: 'transparent', color: 'inherit' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { fontFamily: 'inherit', lineHeight: 'inherit' },
  '.cm-content': { padding: '0.5rem 0', caretColor: 'var(--code-caret)' },
  '.cm-line': { padding: '0 0.75rem' },
  // Wrapped like the text it stands for (the content wraps lines).
  '.cm-placeholder': { color: 'var(--code-comment)', whiteSpace: 'pre-wrap' },
  '.cm-tooltip': {
    fontFamily: 'ui-sans-serif, system-ui, sans-serif',
    backgroundColor: 'var(--color-white)',
    color: 'var(--color-slate-900)',
    border: '1px solid var(--color-slate-300)',
  },
  '.cm-diagnosticText code, .cm-completionDetail': {
    fontFamily: 'ui-monospace, monospace',
  },
});

// --- Completion -------------------------------------------------------------

const METHODS = ['startsWith', 'endsWith', 'contains'];
const OPERATORS = ['==', '!=', 'in', '&&', '||'];
const MAX_NESTED_DEPTH = 3;
const MAX_CLAIM_OPTIONS = 200;

// `claims`, then `.name` or `["name"]` steps, then the dot being completed.
const CLAIM_PATH =
  /(?<![\w.])claims((?:\s*\.\s*[A-Za-z_]\w*|\s*\[\s*(?:"[^"\\]*"|'[^'\\]*')\s*\])*)\s*\.\s*(\w*)$/;
const PATH_STEP = /\.\s*([A-Za-z_]\w*)|\[\s*(?:"([^"\\]*)"|'([^'\\]*)')\s*\]/g;

function completeFilter(
  context: CompletionContext,
  sampleClaims: unknown,
): CompletionResult | null {
  const before = context.state.sliceDoc(0, context.pos);
  if (insideString(before)) return null;

  const path = CLAIM_PATH.exec(before);
  if (path !== null) {
    const typed = path[2] ?? '';
    const steps = [...(path[1] ?? '').matchAll(PATH_STEP)].map(
      (step) => step[1] ?? step[2] ?? step[3] ?? '',
    );
    return {
      from: context.pos - typed.length,
      options: claimOptions(steps, sampleClaims),
      validFor: /^\w*$/,
    };
  }

  const operator = context.matchBefore(/[=!&|]+/);
  if (operator !== null) {
    if (!endsOperand(before.slice(0, operator.from).trimEnd())) return null;
    return {
      from: operator.from,
      options: operatorOptions(),
      validFor: /^[=!&|]*$/,
    };
  }

  const word = context.matchBefore(/[A-Za-z_]\w*/);
  if (word === null && !context.explicit) return null;
  const from = word?.from ?? context.pos;
  const preceding = before.slice(0, from).trimEnd();
  return {
    from,
    options: endsOperand(preceding) ? operatorOptions() : operandOptions(),
    validFor: /^\w*$/,
  };
}

/** Whether `text` ends inside a string literal. */
function insideString(text: string): boolean {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote !== undefined) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      if (end < 0) return true;
      i = end;
    }
  }
  return quote !== undefined;
}

/** Whether `text` ends with a complete operand, so an operator comes next. */
function endsOperand(text: string): boolean {
  if (/(?<![\w.])in$/.test(text)) return false;
  return /["')\]\w]$/.test(text);
}

function claimOptions(steps: string[], sampleClaims: unknown): Completion[] {
  const options = new Map<string, Completion>();
  const add = (name: string, completion: Completion) => {
    if (!options.has(name) && options.size < MAX_CLAIM_OPTIONS) {
      options.set(name, completion);
    }
  };
  const found =
    steps.length === 0
      ? { found: true as const, value: sampleClaims }
      : lookupClaim(sampleClaims, steps);
  const target = found.found ? found.value : undefined;

  if (isRecord(target)) {
    for (const [name, value] of Object.entries(target)) {
      add(name, claimOption(name, describeSample(value), 2));
    }
    for (const [name, value] of nestedPaths(target, MAX_NESTED_DEPTH)) {
      add(name, claimOption(name, describeSample(value), 1));
    }
  }
  if (steps.length === 0) {
    for (const name of REGISTERED_CLAIMS) {
      add(name, claimOption(name, 'JWT claim', 0));
    }
  } else {
    const isString = typeof target === 'string';
    for (const name of METHODS) {
      add(`${name}()`, {
        label: `${name}("")`,
        type: 'method',
        detail: 'string test',
        boost: isString ? 3 : -1,
        apply: insertText(`${name}("")`, name.length + 2),
      });
    }
  }
  return [...options.values()];
}

function claimOption(name: string, detail: string, boost: number): Completion {
  const dotted = formatClaimPath([name]) === `claims.${name}`;
  return {
    label: name,
    type: 'property',
    detail,
    boost,
    // A name that is not an identifier needs claims["…"]: replace the dot.
    apply: dotted
      ? name
      : (view, completion, from, to) => {
          const insert = `[${JSON.stringify(name)}]`;
          const dot = view.state.sliceDoc(0, from).lastIndexOf('.');
          view.dispatch({
            changes: { from: dot, to, insert },
            selection: { anchor: dot + insert.length },
            annotations: pickedCompletion.of(completion),
            userEvent: 'input.complete',
          });
        },
  };
}

/** `a.b`-style paths into nested objects, through identifier names only. */
function nestedPaths(
  claims: Record<string, unknown>,
  depth: number,
): [string, unknown][] {
  const out: [string, unknown][] = [];
  const visit = (
    object: Record<string, unknown>,
    prefix: string,
    left: number,
  ) => {
    for (const [name, value] of Object.entries(object)) {
      if (formatClaimPath([name]) !== `claims.${name}`) continue;
      const path = prefix === '' ? name : `${prefix}.${name}`;
      if (prefix !== '') out.push([path, value]);
      if (left > 0 && isRecord(value)) visit(value, path, left - 1);
    }
  };
  visit(claims, '', depth);
  return out;
}

function describeSample(value: unknown): string {
  if (typeof value === 'string') {
    const shown = value.length > 24 ? `${value.slice(0, 23)}…` : value;
    return JSON.stringify(shown);
  }
  if (Array.isArray(value)) return `list of ${value.length}`;
  if (isRecord(value)) return 'object';
  return String(value);
}

function operandOptions(): Completion[] {
  return [
    {
      label: 'claims.',
      type: 'variable',
      detail: 'token claims',
      apply: insertText('claims.', 'claims.'.length, true),
    },
    {
      label: 'has(claims.)',
      type: 'function',
      detail: 'claim present',
      apply: insertText('has(claims.)', 'has(claims.'.length, true),
    },
    { label: 'true', type: 'keyword', detail: 'every token' },
  ];
}

function operatorOptions(): Completion[] {
  return OPERATORS.map((operator) => ({
    label: operator,
    type: 'keyword',
    apply: (view, completion, from, to) => {
      const space = /\s$|^$/.test(view.state.sliceDoc(from - 1, from))
        ? ''
        : ' ';
      const insert = `${space}${operator} `;
      view.dispatch({
        changes: { from, to, insert },
        selection: { anchor: from + insert.length },
        annotations: pickedCompletion.of(completion),
        userEvent: 'input.complete',
      });
    },
  }));
}

function insertText(
  text: string,
  cursor: number,
  reopen = false,
): Completion['apply'] {
  return (view, completion, from, to) => {
    view.dispatch({
      changes: { from, to, insert: text },
      selection: { anchor: from + cursor },
      annotations: pickedCompletion.of(completion),
      userEvent: 'input.complete',
    });
    if (reopen) startCompletion(view);
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
