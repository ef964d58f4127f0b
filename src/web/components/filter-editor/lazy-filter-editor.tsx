import { lazy, Suspense, useRef } from 'react';
import { DEFAULT_DIALECT } from '#filter/dialect.ts';
import { Textarea } from '@/components/ui/input.tsx';
import type {
  FilterEditorProps,
  FilterFocusHandoff,
} from './filter-editor.tsx';
import { FILTER_PLACEHOLDERS } from './filter-placeholders.ts';

// CodeMirror and the filter linter are the heaviest part of a form: load
// them only where a filter is edited. Every dialect shares this one chunk.
const FilterEditorChunk = lazy(() =>
  import('./filter-editor.tsx').then((module) => ({
    default: module.FilterEditor,
  })),
);

export type LazyFilterEditorProps = Omit<FilterEditorProps, 'focusHandoffRef'>;

export function LazyFilterEditor(props: LazyFilterEditorProps) {
  const focusHandoffRef = useRef<FilterFocusHandoff | null>(null);
  return (
    <Suspense
      fallback={
        <FallbackTextarea {...props} focusHandoffRef={focusHandoffRef} />
      }
    >
      <FilterEditorChunk {...props} focusHandoffRef={focusHandoffRef} />
    </Suspense>
  );
}

/**
 * Usable while the editor loads, at the editor's size so nothing moves when
 * it arrives; if it has focus then, the editor takes the cursor over.
 */
function FallbackTextarea({
  id,
  value,
  onChange,
  onBlur,
  ariaDescribedBy,
  invalid = false,
  dialect = DEFAULT_DIALECT,
  focusHandoffRef,
}: FilterEditorProps) {
  function remember(element: HTMLTextAreaElement) {
    if (focusHandoffRef === undefined) return;
    focusHandoffRef.current = {
      anchor: element.selectionStart,
      head: element.selectionEnd,
    };
  }
  return (
    <Textarea
      id={id}
      value={value}
      rows={3}
      spellCheck={false}
      autoCapitalize="off"
      autoCorrect="off"
      placeholder={FILTER_PLACEHOLDERS[dialect]}
      aria-label="Filter"
      aria-describedby={ariaDescribedBy}
      aria-invalid={invalid}
      look="editor"
      onChange={(event) => {
        onChange(event.target.value);
        remember(event.target);
      }}
      onFocus={(event) => remember(event.currentTarget)}
      onSelect={(event) => remember(event.currentTarget)}
      onBlur={(event) => {
        // Unmounting a focused element may blur it; that is the handover.
        if (event.currentTarget.isConnected && focusHandoffRef !== undefined) {
          focusHandoffRef.current = null;
        }
        onBlur?.();
      }}
    />
  );
}
