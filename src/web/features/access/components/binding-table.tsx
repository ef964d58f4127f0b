import { Button } from '@/components/ui/button.tsx';
import { Table, Td, Th } from '@/components/ui/table.tsx';
import {
  describeTarget,
  MATCH_LABELS,
  type BindingView,
} from '../binding-groups.ts';

/** One group's bindings: role, resource, literal or prefix, and Revoke for those who may. */
export function BindingTable({
  caption,
  place,
  views,
  onRevoke,
}: {
  caption: string;
  /** Where the group is ("in cluster orders-prod"), so each Revoke is named apart. */
  place: string;
  views: readonly BindingView[];
  /** Absent for a role that may not revoke. */
  onRevoke?: (view: BindingView) => void;
}) {
  return (
    <Table>
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <Th>Role</Th>
          <Th>Resource</Th>
          <Th>Name</Th>
          <Th>Match</Th>
          {onRevoke && (
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          )}
        </tr>
      </thead>
      <tbody>
        {views.map((view) => (
          <tr key={view.binding.id}>
            <Td className="font-medium">{view.binding.role_name}</Td>
            <Td>{view.resourceType}</Td>
            <Td className="font-mono text-xs [overflow-wrap:anywhere]">
              {view.resourceName}
            </Td>
            <Td>{MATCH_LABELS[view.match]}</Td>
            {onRevoke && (
              <Td className="text-right">
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={`Revoke ${view.binding.role_name} on ${describeTarget(view)} ${place}`}
                  onClick={() => onRevoke(view)}
                >
                  Revoke
                </Button>
              </Td>
            )}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
