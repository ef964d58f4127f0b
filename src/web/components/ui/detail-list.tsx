import type { ReactNode } from 'react';
import { CopyButton } from './copy-button.tsx';
import { RelativeTime } from './relative-time.tsx';

/** One row of a DetailList. */
export type DetailItem = {
  term: string;
  description: ReactNode;
  /** Said, in italics, when `description` is empty (a field a record lacks). */
  empty?: string;
};

const FRAME_CLASSES = 'rounded-lg border border-slate-200 bg-white px-4';
const ROW_CLASSES =
  'grid gap-1 border-b border-slate-100 py-3 sm:grid-cols-[12rem_1fr]';

function isEmpty(description: ReactNode) {
  return (
    description === undefined ||
    description === null ||
    description === false ||
    description === ''
  );
}

/** A record's fields as terms and descriptions, one row each. */
export function DetailList({ items }: { items: readonly DetailItem[] }) {
  return (
    <dl data-slot="detail-list" className={FRAME_CLASSES}>
      {items.map(({ term, description, empty }) => (
        <div key={term} className={ROW_CLASSES}>
          <dt className="text-sm font-medium text-slate-600">{term}</dt>
          <dd className="min-w-0 text-sm text-slate-900">
            {isEmpty(description) && empty !== undefined ? (
              <span className="text-slate-500 italic">{empty}</span>
            ) : (
              description
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** A DetailList's outline while the record loads, at its final size. */
export function DetailListSkeleton({ rows }: { rows: number }) {
  return (
    <div aria-busy="true" className={FRAME_CLASSES}>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className={ROW_CLASSES}>
          <span className="block h-5 w-24 animate-pulse rounded bg-slate-200" />
          <span className="block h-5 w-64 max-w-full animate-pulse rounded bg-slate-200" />
        </div>
      ))}
    </div>
  );
}

/** An id, URL or name shown as code, with a button that copies it. */
export function CopyableCode({
  value,
  label,
}: {
  value: string;
  /** What is copied, for the button's name ("Copy pool id"). */
  label: string;
}) {
  return (
    <span className="flex items-center gap-2">
      <code className="font-mono break-all">{value}</code>
      <CopyButton value={value} label={label} />
    </span>
  );
}

/**
 * The rows every Confluent object ends with, from its `metadata`: the CRN
 * and when it was created and last changed.
 */
export function metadataItems(
  metadata:
    | { resource_name?: string; created_at?: string; updated_at?: string }
    | undefined,
): DetailItem[] {
  return [
    {
      term: 'Resource name',
      description: (
        <code className="font-mono text-xs break-all">
          {metadata?.resource_name ?? '—'}
        </code>
      ),
    },
    {
      term: 'Created',
      description: <RelativeTime value={metadata?.created_at} />,
    },
    {
      term: 'Last updated',
      description: <RelativeTime value={metadata?.updated_at} />,
    },
  ];
}

/**
 * The rows a named Confluent object starts with: its display name, its id
 * (to copy) and its description, which objects made in the Confluent
 * Console can lack.
 */
export function nameItems(
  record: { display_name: string; id: string; description?: string },
  /** What the id is, for its copy button ("pool id"). */
  idLabel: string,
): DetailItem[] {
  return [
    { term: 'Display name', description: record.display_name },
    {
      term: 'ID',
      description: <CopyableCode value={record.id} label={idLabel} />,
    },
    {
      term: 'Description',
      description: record.description,
      empty: 'No description',
    },
  ];
}
