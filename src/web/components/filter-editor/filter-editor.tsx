import {
  closeBrackets,
  closeBracketsKeymap,
  completionKeymap,
} from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { bracketMatching } from '@codemirror/language';
import { forceLinting, lintKeymap } from '@codemirror/lint';
import {
  Annotation,
  ChangeSet,
  Compartment,
  EditorState,
  Prec,
} from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import {
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type RefObject,
} from 'react';
import {
  DEFAULT_DIALECT,
  DIALECTS,
  type FilterDialect,
} from '#filter/dialect.ts';
import type {
  LintDiagnostic,
  LintFix,
  LintOptions,
  LintSeverity,
} from '#filter/lint.ts';
import { Button } from '@/components/ui/button.tsx';
import { cn } from '@/lib/cn.ts';
import { filterCompletion } from './filter-completion.ts';
import {
  filterHighlighting,
  filterLanguageFor,
  filterLinter,
  lintEditorSource,
} from './filter-language.ts';
import { FILTER_PLACEHOLDERS } from './filter-placeholders.ts';

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
  /**
   * Which object the filter guards: it decides the checks, the lint, the
   * completions and the placeholder. Read when the editor mounts; a new
   * dialect starts a new editor.
   */
  dialect?: FilterDialect;
  /**
   * A decoded sample token, for completions and lint; in a certificate pool
   * a sample certificate's subject attributes.
   */
  sampleClaims?: Record<string, unknown>;
  /** Identity pools only: the provider's issuer is shared (docs/confluent-api.md §9.3). */
  sharedIssuer?: boolean;
  /** The organisation's filter length limit; the dialect's default otherwise. */
  maxLength?: number;
  /**
   * Set by LazyFilterEditor while its fallback textarea has focus, so the
   * editor can take the focus over instead of dropping it mid-typing.
   */
  focusHandoffRef?: RefObject<FilterFocusHandoff | null>;
};

export function FilterEditor({
  id,
  value,
  onChange,
  onBlur,
  ariaDescribedBy,
  invalid = false,
  dialect = DEFAULT_DIALECT,
  sampleClaims,
  sharedIssuer = false,
  maxLength = DIALECTS[dialect].maxLength,
  focusHandoffRef,
}: FilterEditorProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const [attributesSlot] = useState(() => new Compartment());
  // Values this editor reported that the parent has not rendered yet: seeing
  // one come back as `value` is an echo, not a change from outside.
  const unconfirmed = useRef<string[]>([]);
  const listId = useId();

  const lintOptions = useMemo<LintOptions>(
    () => ({ dialect, sampleClaims, sharedIssuer, maxLength }),
    [dialect, sampleClaims, sharedIssuer, maxLength],
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
  const current = {
    value,
    onChange,
    onBlur,
    lintOptions,
    attributes,
    focusHandoffRef,
  };
  const latest = useRef(current);
  useLayoutEffect(() => {
    latest.current = current;
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
          filterLanguageFor(dialect),
          filterHighlighting,
          filterCompletion(
            () => latest.current.lintOptions.sampleClaims,
            dialect,
          ),
          filterLinter(() => latest.current.lintOptions),
          placeholder(FILTER_PLACEHOLDERS[dialect]),
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
    const handoff = initial.focusHandoffRef?.current;
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
  }, [attributesSlot, dialect]);

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

// --- Diagnostics list ------------------------------------------------------

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
