import { ResourceScreen } from '@/components/layouts/resource-screen.tsx';
import { paths } from '@/config/paths.ts';
import { ProviderForm } from '@/features/providers/components/provider-form.tsx';
import { useRegisterProvider } from '@/features/providers/components/use-provider-submit.ts';
import { useWriteAccess } from '@/features/session/api/use-session.ts';
import { WriteAccessGate } from '@/features/session/components/write-access-gate.tsx';
import { useDocumentTitle } from '@/hooks/use-document-title.ts';

export function ProviderCreateRoute() {
  const register = useRegisterProvider();
  const { canWrite } = useWriteAccess();
  useDocumentTitle('New identity provider');

  return (
    <ResourceScreen
      crumbs={[
        { label: 'Identity providers', href: paths.home.getHref() },
        { label: 'New provider' },
      ]}
      title="New identity provider"
      subtitle={
        canWrite && (
          <p className="mt-1 max-w-2xl text-slate-700">
            Register an OpenID Connect provider whose tokens may be exchanged
            for access to Confluent Cloud through its identity pools. Confluent
            fetches the provider’s keys when it is saved.
          </p>
        )
      }
    >
      <WriteAccessGate
        refusal="You cannot register identity providers"
        backHref={paths.home.getHref()}
        backLabel="Back to identity providers"
      >
        <ProviderForm
          {...register}
          submitLabel="Create provider"
          pendingLabel="Creating…"
          cancelHref={paths.home.getHref()}
        />
      </WriteAccessGate>
    </ResourceScreen>
  );
}
