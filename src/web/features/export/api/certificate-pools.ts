import type { ExportCertificatePool } from '#contract/export-federation.ts';
import { api } from '@/lib/api-client.ts';
import { walkPages, type PacedWalkOptions } from '@/lib/paced-walk.ts';

/**
 * Every certificate pool of an authority, page by page at the API budget's
 * pace: what the authority's export walks when its screen hands in no
 * walker of its own (features do not import one another).
 */
export function listAuthorityPools(
  authorityId: string,
  { signal, onProgress }: Pick<PacedWalkOptions, 'signal' | 'onProgress'>,
): Promise<ExportCertificatePool[]> {
  return walkPages(
    async ({ pageSize, pageToken }, pageSignal) => {
      const { data } = await api().GET(
        '/iam/v2/certificate-authorities/{certificate_authority_id}/identity-pools',
        {
          params: {
            path: { certificate_authority_id: authorityId },
            query: { page_size: pageSize, page_token: pageToken },
          },
          signal: pageSignal,
        },
      );
      return data!;
    },
    { signal, onProgress },
  );
}
