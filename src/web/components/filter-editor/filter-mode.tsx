import { useRef, useState, type ReactNode } from 'react';
import {
  builderToFilter,
  emptyBuilder,
  filterToBuilder,
  type BuilderGroup,
} from '#filter/builder.ts';
import { DEFAULT_DIALECT, type FilterDialect } from '#filter/dialect.ts';
import { Alert } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { cn } from '@/lib/cn.ts';
import { FilterBuilder, FilterMessage } from './filter-builder.tsx';

type Notice =
  | { kind: 'refused'; source: string; reason: string }
  | {
      kind: 'reformat';
      source: string;
      canonical: string;
      model: BuilderGroup;
    };

type ModeState =
  | { mode: 'text'; notice?: Notice }
  // `text` is the filter the model stands for: the one it was read from or
  // last written as. Any other value came from outside.
  | { mode: 'builder'; model: BuilderGroup; text: string };

/**
 * Text or builder editing over one filter string, which stays the single
 * source of truth. The builder only takes filters it can show exactly, and
 * says so before it would reformat one.
 */
export function FilterModeSwitch({
  value,
  onChange,
  renderTextEditor,
  dialect = DEFAULT_DIALECT,
  claimSuggestions,
  className,
}: {
  value: string;
  onChange: (value: string) => void;
  renderTextEditor: () => ReactNode;
  /** Which object the filter guards; the builder shows its rows. */
  dialect?: FilterDialect;
  /** Identity pools only: claim names to suggest in the builder. */
  claimSuggestions?: string[];
  className?: string;
}) {
  const [state, setState] = useState<ModeState>({ mode: 'text' });
  const builderButton = useRef<HTMLButtonElement>(null);

  // The text changed from outside (a reset, a caller's edit) while the
  // builder is shown: read the model again, during render rather than in an
  // effect so the stale model is never painted.
  let current = state;
  if (state.mode === 'builder' && value !== state.text) {
    current = builderStateFor(value, dialect);
    setState(current);
  }

  // A notice is about the text it was raised for; editing the text ends it.
  const notice =
    current.mode === 'text' && current.notice?.source === value
      ? current.notice
      : undefined;
  const isBuilder = current.mode === 'builder';

  function showBuilder() {
    if (isBuilder) return;
    setState(builderStateFor(value, dialect));
  }

  function acceptReformat(canonical: string, model: BuilderGroup) {
    setState({ mode: 'builder', model, text: canonical });
    onChange(canonical);
    builderButton.current?.focus();
  }

  function keepText() {
    setState({ mode: 'text' });
    builderButton.current?.focus();
  }

  function changeModel(model: BuilderGroup) {
    const text = builderToFilter(model, dialect);
    setState({ mode: 'builder', model, text });
    if (text !== value) onChange(text);
  }

  return (
    <div
      data-slot="filter-mode"
      className={cn('grid min-w-0 grid-cols-1 gap-3', className)}
    >
      <div
        role="group"
        aria-label="Filter editing mode"
        className="inline-flex w-fit gap-1 rounded-md border border-slate-300 bg-white p-0.5"
      >
        <Button
          variant="ghost"
          size="xs"
          aria-pressed={!isBuilder}
          onClick={() => setState({ mode: 'text' })}
          className="aria-pressed:bg-brand-700 aria-pressed:text-white aria-pressed:hover:bg-brand-800"
        >
          Text
        </Button>
        <Button
          ref={builderButton}
          variant="ghost"
          size="xs"
          aria-pressed={isBuilder}
          onClick={showBuilder}
          className="aria-pressed:bg-brand-700 aria-pressed:text-white aria-pressed:hover:bg-brand-800"
        >
          Builder
        </Button>
      </div>

      {notice?.kind === 'refused' && (
        <Alert tone="warning">
          This filter can’t be shown in the builder:{' '}
          <FilterMessage text={notice.reason} />. Keep editing it as text.
        </Alert>
      )}
      {notice?.kind === 'reformat' && (
        <Alert tone="warning" className="grid gap-2">
          <p>Switching will reformat your filter as:</p>
          <pre className="overflow-x-auto rounded bg-white p-2 font-mono text-xs break-all whitespace-pre-wrap text-slate-900">
            {notice.canonical}
          </pre>
          <p>It means the same; only the spelling changes.</p>
          <div className="flex flex-wrap gap-2">
            <Button
              size="sm"
              onClick={() => acceptReformat(notice.canonical, notice.model)}
            >
              Switch and reformat
            </Button>
            <Button variant="secondary" size="sm" onClick={keepText}>
              Keep text
            </Button>
          </div>
        </Alert>
      )}

      {current.mode === 'builder' ? (
        <>
          <FilterBuilder
            model={current.model}
            onChange={changeModel}
            dialect={dialect}
            claimSuggestions={claimSuggestions}
          />
          <div className="grid gap-1">
            <span className="text-xs font-medium text-slate-700">
              Filter text
            </span>
            <pre className="overflow-x-auto rounded-md border border-slate-200 bg-slate-50 p-2 font-mono text-xs break-all whitespace-pre-wrap text-slate-900">
              {value === '' ? (
                <span className="font-sans text-slate-600">
                  Empty until a condition is filled in
                </span>
              ) : (
                value
              )}
            </pre>
          </div>
        </>
      ) : (
        renderTextEditor()
      )}
    </div>
  );
}

/** What pressing Builder does with `value`. */
function builderStateFor(value: string, dialect: FilterDialect): ModeState {
  // A new filter starts with one empty row and stays empty text until the
  // row is edited.
  if (value.trim() === '') {
    return { mode: 'builder', model: emptyBuilder(dialect), text: value };
  }
  const result = filterToBuilder(value, dialect);
  if (!result.ok) {
    return {
      mode: 'text',
      notice: { kind: 'refused', source: value, reason: result.reason },
    };
  }
  if (result.canonical !== value) {
    return {
      mode: 'text',
      notice: {
        kind: 'reformat',
        source: value,
        canonical: result.canonical,
        model: result.model,
      },
    };
  }
  return { mode: 'builder', model: result.model, text: value };
}
