import { CopyButton } from '@/components/ui/copy-button.tsx';
import { cn } from '@/lib/cn.ts';
import type {
  AuditAction,
  AuditChange,
  AuditEntry,
  AuditOutcome,
} from '../api/audit.ts';

// Every action the contract knows: a new one fails the typecheck until it
// has its label.
const ACTION_LABELS: Record<AuditAction, string> = {
  'create-pool': 'Created pool',
  'update-pool': 'Updated pool',
  'delete-pool': 'Deleted pool',
  'create-provider': 'Created provider',
  'update-provider': 'Updated provider',
  'delete-provider': 'Deleted provider',
  'delete-pool-with-provider': 'Deleted pool with its provider',
  'refresh-provider-keys': 'Refreshed provider keys',
  'create-group-mapping': 'Created group mapping',
  'update-group-mapping': 'Updated group mapping',
  'delete-group-mapping': 'Deleted group mapping',
  'create-certificate-authority': 'Registered certificate authority',
  'update-certificate-authority': 'Updated certificate authority',
  'delete-certificate-authority': 'Deleted certificate authority',
  'create-certificate-pool': 'Created certificate pool',
  'update-certificate-pool': 'Updated certificate pool',
  'delete-certificate-pool': 'Deleted certificate pool',
  'delete-certificate-pool-with-authority':
    'Deleted certificate pool with its authority',
  'grant-role': 'Granted a role',
  'revoke-role': 'Revoked a role',
  'create-test-case': 'Added test case',
  'delete-test-case': 'Deleted test case',
  'unrecognised-write': 'Unrecognised write',
};

/** "Updated pool"; an action this console does not know yet shows as recorded. */
export function actionLabel(action: string): string {
  return Object.hasOwn(ACTION_LABELS, action)
    ? ACTION_LABELS[action as AuditAction]
    : action;
}

const OUTCOMES: Record<AuditOutcome, { label: string; className: string }> = {
  applied: { label: 'Applied', className: 'bg-green-100 text-green-900' },
  failed: { label: 'Failed', className: 'bg-red-100 text-red-900' },
  denied: { label: 'Denied', className: 'bg-amber-100 text-amber-900' },
  refused: { label: 'Refused', className: 'bg-amber-100 text-amber-900' },
};

/** Applied, failed, denied or refused, with the HTTP status that said so. */
export function OutcomeBadge({
  outcome,
  status,
}: {
  outcome: AuditOutcome;
  status: number;
}) {
  const { label, className } = OUTCOMES[outcome] ?? {
    label: outcome,
    className: 'bg-slate-100 text-slate-900',
  };
  return (
    <span
      className={cn(
        'inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap',
        className,
      )}
    >
      {label} <span aria-hidden="true">·</span>{' '}
      <span>
        <span className="sr-only">HTTP </span>
        {status}
      </span>
    </span>
  );
}

/** "Alice (admin)". */
export function ActorName({ actor }: { actor: AuditEntry['actor'] }) {
  return (
    <span>
      <span className="font-medium [overflow-wrap:anywhere]">{actor.name}</span>{' '}
      <span className="text-slate-600">({actor.role})</span>
    </span>
  );
}

/** The server's request id, and the one the client sent beside it, if any. */
export function RequestIdValue({
  requestId,
  clientRequestId,
}: {
  requestId: string;
  clientRequestId?: string | null;
}) {
  return (
    <span className="grid gap-1">
      <span className="inline-flex flex-wrap items-center gap-1">
        <code className="font-mono text-xs break-all">{requestId}</code>
        <CopyButton value={requestId} label={`request id ${requestId}`} />
      </span>
      {clientRequestId && (
        <span className="text-xs text-slate-600">
          client’s id{' '}
          <code className="font-mono break-all">{clientRequestId}</code>
        </span>
      )}
    </span>
  );
}

/** Why a write was not applied, as Lifeguard or Confluent said it. */
export function OutcomeReason({ reason }: { reason: string | null }) {
  if (!reason) return null;
  return (
    <p className="mt-1 max-w-72 text-xs [overflow-wrap:anywhere] text-slate-700">
      {reason}
    </p>
  );
}

function formatValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

function Value({
  value,
  missing,
}: {
  value: unknown;
  /** What an absent value means on this side of the change. */
  missing: string;
}) {
  if (value === null || value === undefined) {
    return <span className="text-slate-600 italic">{missing}</span>;
  }
  return (
    <code className="block font-mono text-xs break-all whitespace-pre-wrap">
      {formatValue(value)}
    </code>
  );
}

/** Each touched field with its value before and after the write. */
export function AuditChanges({
  changes,
  outcome,
  className,
}: {
  changes: AuditChange[];
  outcome: AuditOutcome;
  className?: string;
}) {
  if (changes.length === 0) return null;
  const isApplied = outcome === 'applied';
  return (
    <table className={cn('w-full table-fixed text-left text-sm', className)}>
      <caption
        className={cn(
          'text-left text-xs',
          isApplied ? 'sr-only' : 'pb-1 text-slate-700',
        )}
      >
        {isApplied ? 'Changed fields' : 'Requested changes (not applied)'}
      </caption>
      <thead>
        <tr className="text-xs text-slate-600">
          <th scope="col" className="w-36 py-1 pr-3 font-medium">
            Field
          </th>
          <th scope="col" className="py-1 pr-3 font-medium">
            Before
          </th>
          <th scope="col" className="py-1 font-medium">
            After
          </th>
        </tr>
      </thead>
      <tbody>
        {changes.map((change) => (
          <tr key={change.field} className="border-t border-slate-100">
            <th
              scope="row"
              className="py-1.5 pr-3 align-top font-mono text-xs font-normal break-all"
            >
              {change.field}
            </th>
            <td className="py-1.5 pr-3 align-top">
              <Value
                value={change.before}
                missing={isApplied ? 'none (created)' : 'not recorded'}
              />
            </td>
            <td className="py-1.5 align-top">
              <Value
                value={change.after}
                missing={isApplied ? 'none (deleted)' : 'not recorded'}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
