import { Link } from 'react-router';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { Td } from '@/components/ui/table.tsx';

// Cells that lists of Confluent objects share, so that a name, an id, a
// description and a last change look the same in every list.

/**
 * An object's first two cells: its name, linking to its page, and its id,
 * since names can repeat.
 */
export function NameCells({
  href,
  name,
  id,
}: {
  href: string;
  name: string;
  id: string;
}) {
  return (
    <>
      <Td>
        <Link to={href} className="font-medium text-brand-700 hover:underline">
          {name}
        </Link>
      </Td>
      <Td className="font-mono text-xs whitespace-nowrap">{id}</Td>
    </>
  );
}

/** A description in at most two lines, or a note that there is none. */
export function DescriptionCell({ description }: { description?: string }) {
  return (
    <Td className="max-w-xs text-slate-700">
      {description ? (
        <span className="line-clamp-2">{description}</span>
      ) : (
        <span className="text-slate-500 italic">No description</span>
      )}
    </Td>
  );
}

/** When the object last changed, relative to now. */
export function UpdatedCell({ value }: { value: string | undefined }) {
  return (
    <Td className="whitespace-nowrap">
      <RelativeTime value={value} />
    </Td>
  );
}
