import { Th } from '@/components/ui/table.tsx';

export type SortState = 'ascending' | 'descending' | 'none';

const SORT_ICONS: Record<SortState, string> = {
  ascending: '▲',
  descending: '▼',
  none: '↕',
};

/**
 * A column head that sorts its table: a button that says, by `aria-sort`
 * on the head and an arrow for the eye, how the rows are sorted now.
 */
export function SortableTh({
  label,
  state,
  onSort,
  hint,
}: {
  label: string;
  state: SortState;
  onSort: () => void;
  /** For screen readers after the label: what sorting covers ("(sort)"). */
  hint?: string;
}) {
  return (
    <Th aria-sort={state}>
      <button
        type="button"
        className="inline-flex items-center gap-1 hover:underline"
        onClick={onSort}
      >
        {label}
        <span aria-hidden="true">{SORT_ICONS[state]}</span>
        {hint && <span className="sr-only">{hint}</span>}
      </button>
    </Th>
  );
}
