import { lazy, Suspense, useRef } from 'react';
import { Textarea } from '@/components/ui/input.tsx';
import type {
  FilterEditorProps,
  FilterFocusHandoff,
} from './filter-editor.tsx';

// CodeMirror and the filter linter are the heaviest part of the form: load
// them only where a filter is edited.
const FilterEditorChunk = lazy(() =>
  import('./filter-editor.tsx').then((module) => ({
    default: module.FilterEditor,
  })),
);

// The editor's placeholder, repeated so this module does not pull the chunk in.
const PLACEHOLDER = 'claims.aud == "kafka" && claims.sub.startsWith("svc-")';

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
      placeholder={PLACEHOLDER}
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
