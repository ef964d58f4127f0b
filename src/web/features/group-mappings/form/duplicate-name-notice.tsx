import { useQuery } from '@tanstack/react-query';
import { useDeferredValue } from 'react';
import { allGroupMappingsQuery } from '../api/all-group-mappings.ts';

function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * Says when another group mapping already has this display name. Confluent
 * allows it, so this only warns: but Terraform's data source looks mappings
 * up by a unique display name and fails on two, and lists and logs need the
 * id to tell them apart. The mappings are walked once, at the API budget's
 * pace, and shared with the list's other readers.
 */
export function DuplicateNameNotice({
  id,
  mappingId,
  name,
}: {
  id: string;
  /** The mapping being edited, which may keep its own name. */
  mappingId?: string;
  name: string;
}) {
  const typed = useDeferredValue(name);
  const every = useQuery({
    ...allGroupMappingsQuery(),
    enabled: typed.trim() !== '',
  });
  const twins =
    typed.trim() === ''
      ? []
      : (every.data ?? []).filter(
          (mapping) =>
            mapping.id !== mappingId && sameName(mapping.display_name, typed),
        );
  if (twins.length === 0) return null;
  const ids = twins.map((mapping) => mapping.id).join(', ');
  return (
    <p id={id} className="text-sm text-amber-900">
      <strong className="font-semibold">
        {twins.length === 1
          ? 'Another group mapping is already called'
          : `${twins.length} other group mappings are already called`}{' '}
        “{twins[0]!.display_name}”
      </strong>{' '}
      ({ids}). Confluent allows it, but Terraform cannot look the mapping up by
      name, and lists and the audit log will need the id to tell them apart.
    </p>
  );
}
