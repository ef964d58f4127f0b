import { Breadcrumbs } from '@/components/ui/breadcrumbs.tsx';
import { paths } from '@/config/paths.ts';
import { AuditLog } from '@/features/audit/components/audit-log.tsx';
import { useSession } from '@/features/session/api/use-session.ts';
import { WriteAccessNotice } from '@/features/session/components/write-access-notice.tsx';
import { useDocumentTitle } from '@/hooks/use-document-title.ts';

export function AuditRoute() {
  useDocumentTitle('Audit log');
  const session = useSession();
  const isAdmin = session.data?.user?.role === 'admin';
  return (
    <>
      <Breadcrumbs
        items={[
          { label: 'Identity providers', href: paths.home.getHref() },
          { label: 'Audit log' },
        ]}
      />
      <h1 className="mb-1 text-2xl font-semibold">Audit log</h1>
      <p className="mb-4 text-slate-700">
        Every change attempted through Lifeguard, newest first: who, when, what
        changed and how it ended. Date filters are whole days in UTC.
      </p>
      {isAdmin ? (
        <AuditLog />
      ) : (
        // The server refuses the organisation's log to viewers anyway.
        <WriteAccessNotice
          title="The audit log is for admins"
          backHref={paths.home.getHref()}
          backLabel="Back to identity providers"
        >
          Your role is viewer. You can still read a pool’s own history: open the
          pool and choose its History tab.
        </WriteAccessNotice>
      )}
    </>
  );
}
