import { Alert } from '@/components/ui/alert.tsx';
import { matchesEverySsoUser } from './match-everything.ts';

/**
 * Says, beside the filter, when it maps every SSO user of the organisation
 * (the linter's matches-everything rule): whoever signs in through SSO, in
 * any group or none, then holds this mapping's roles.
 */
export function MatchEverythingWarning({
  id,
  filter,
}: {
  id: string;
  filter: string;
}) {
  if (!matchesEverySsoUser(filter)) return null;
  return (
    // A status, not an alert: it appears while typing, and must not cut in.
    <Alert id={id} tone="warning" role="status">
      <strong className="font-semibold">
        This filter maps every SSO user of the organisation.
      </strong>{' '}
      Everyone who signs in through SSO, whatever their groups, gets this
      mapping’s role bindings. Name the groups it is for, such as{' '}
      <code className="font-mono text-xs">"engineering" in groups</code>.
    </Alert>
  );
}
