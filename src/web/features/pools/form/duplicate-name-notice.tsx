import { useQuery } from '@tanstack/react-query';
import { useDeferredValue } from 'react';
import { allPoolsQuery } from '../api/all-pools.ts';

function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * Says when another pool of the provider already has this display name.
 * Confluent allows it, so this only warns: lists and logs then need the id
 * to tell the pools apart. The provider's pools are walked once (at the API
 * budget's pace) and shared with its pool list's "search all".
 */
export function DuplicateNameNotice({
  id,
  providerId,
  poolId,
  name,
}: {
  id: string;
  providerId: string;
  /** The pool being edited, which may keep its own name. */
  poolId?: string;
  name: string;
}) {
  const typed = useDeferredValue(name);
  const every = useQuery({
    ...allPoolsQuery(providerId),
    enabled: typed.trim() !== '',
  });
  const twins =
    typed.trim() === ''
      ? []
      : (every.data ?? []).filter(
          (pool) => pool.id !== poolId && sameName(pool.display_name, typed),
        );
  if (twins.length === 0) return null;
  const ids = twins.map((pool) => pool.id).join(', ');
  return (
    <p id={id} className="text-sm text-amber-900">
      <strong className="font-semibold">
        {twins.length === 1
          ? 'Another pool of this provider is already called'
          : `${twins.length} other pools of this provider are already called`}{' '}
        “{twins[0]!.display_name}”
      </strong>{' '}
      ({ids}). Confluent allows it, but lists and the audit log will need the id
      to tell them apart.
    </p>
  );
}
