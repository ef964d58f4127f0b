import { useMemo } from 'react';
import { useParams } from 'react-router';
import { ResourceScreen } from '@/components/layouts/resource-screen.tsx';
import { certificatePaths } from '@/config/federation-paths.ts';
import { LazyLandingAccess } from '@/features/access/components/lazy-landing-access.tsx';
import { useAuthorityPage } from '@/features/certificates/authorities/use-authority-page.tsx';
import {
  CertificateReach,
  type ReachedPool,
} from '@/features/certificates/reach/certificate-reach.tsx';
import { useDocumentTitle } from '@/hooks/use-document-title.ts';

export function CertificateAuthorityReachRoute() {
  const { caId = '' } = useParams();
  const authority = useAuthorityPage(caId);
  const name = authority.query.data?.display_name;
  useDocumentTitle(
    name
      ? `Pools a certificate reaches in ${name}`
      : 'Pools a certificate reaches',
  );

  return (
    <ResourceScreen
      crumbs={[...authority.crumbs, { label: 'Pools a certificate reaches' }]}
      failure={authority.failure}
      title={
        name === undefined ? undefined : `What a certificate of ${name} reaches`
      }
    >
      <CertificateReach
        caId={caId}
        renderAccess={(reached, refusal) => (
          <ReachAccess caId={caId} reached={reached} refusal={refusal} />
        )}
      />
    </ResourceScreen>
  );
}

/** What the pools a certificate reaches may do, from the access feature. */
function ReachAccess({
  caId,
  reached,
  refusal,
}: {
  caId: string;
  reached: ReachedPool[];
  refusal: string | undefined;
}) {
  // One list per answer, so the role bindings are not asked for again.
  const landings = useMemo(
    () =>
      reached.map(({ pool, identity }) => ({
        id: pool.id,
        name: pool.display_name,
        kind: 'certificate-pool' as const,
        href: certificatePaths.pool.getHref(caId, pool.id, { tab: 'access' }),
        detail:
          identity === undefined
            ? undefined
            : ` as ${identity} (${pool.external_identifier})`,
      })),
    [caId, reached],
  );
  return (
    <LazyLandingAccess
      wordingFor="certificate"
      refusal={refusal}
      landings={landings}
    />
  );
}
