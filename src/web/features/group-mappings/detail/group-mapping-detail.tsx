import { CopyButton } from '@/components/ui/copy-button.tsx';
import {
  DetailList,
  DetailListSkeleton,
  metadataItems,
  nameItems,
} from '@/components/ui/detail-list.tsx';
import type { GroupMapping } from '../api/group-mappings.ts';
import { groupMappingPrincipal } from '../api/role-bindings.ts';
import { LazyMatchEverythingWarning } from '../form/lazy-match-everything-warning.tsx';

/** Every field of a group mapping, read-only ones included. */
export function GroupMappingDetail({ mapping }: { mapping: GroupMapping }) {
  const principal = groupMappingPrincipal(mapping);
  return (
    <DetailList
      items={[
        ...nameItems(mapping, 'group mapping id'),
        {
          term: 'Filter',
          description: (
            <div className="grid gap-2">
              <pre className="overflow-x-auto rounded bg-slate-50 p-2 font-mono text-xs break-all whitespace-pre-wrap">
                {mapping.filter}
              </pre>
              <LazyMatchEverythingWarning
                id={`${mapping.id}-everyone`}
                filter={mapping.filter}
              />
            </div>
          ),
        },
        {
          term: 'Principal',
          description: (
            <span className="flex flex-wrap items-center gap-2">
              <code className="font-mono break-all">{principal}</code>
              <CopyButton value={principal} label="principal" />
              <span className="text-xs text-slate-600">
                Role bindings to it apply to every SSO user the filter maps.
              </span>
            </span>
          ),
        },
        { term: 'State', description: mapping.state },
        ...metadataItems(mapping.metadata),
      ]}
    />
  );
}

export function GroupMappingDetailSkeleton() {
  return <DetailListSkeleton rows={9} />;
}
