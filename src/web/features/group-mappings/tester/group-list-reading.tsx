import {
  GROUP_LIST_FORMAT_LABELS,
  type GroupListReading,
} from './group-list.ts';

/** How a pasted group list was read, so a misreading shows at once. */
export function GroupListReadingView({
  id,
  reading,
}: {
  id: string;
  reading: Extract<GroupListReading, { ok: true }>;
}) {
  const { groups, format, attribute, duplicates } = reading;
  return (
    <div id={id} className="grid gap-1 text-sm text-slate-700">
      <p>
        Read as {GROUP_LIST_FORMAT_LABELS[format]}
        {attribute ? ` (attribute ${attribute})` : ''}:{' '}
        {groups.length === 0
          ? 'no groups.'
          : `${groups.length} ${groups.length === 1 ? 'group' : 'groups'}.`}
        {duplicates > 0 &&
          ` ${duplicates} repeated ${duplicates === 1 ? 'name was' : 'names were'} counted once.`}
      </p>
      {groups.length > 0 && (
        <ul aria-label="Groups read" className="flex flex-wrap gap-1">
          {groups.map((group) => (
            <li
              key={group}
              className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs break-all whitespace-pre-wrap"
            >
              {group}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
