import { lazy, Suspense } from 'react';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import type { LandingAccessProps } from './landing-access.tsx';

// The summary brings the CRN module and the access computation: load them
// only once something lands somewhere.
const LandingAccessChunk = lazy(() =>
  import('./landing-access.tsx').then((module) => ({
    default: module.LandingAccess,
  })),
);

/**
 * Effective access across the objects something lands in (group mappings a
 * list of SSO groups reaches, certificate pools a certificate lands in),
 * grouped by role; loaded when first shown. Props are
 * {@link LandingAccessProps}:
 *
 * ```tsx
 * <LazyLandingAccess
 *   wordingFor="groups" // or "certificate", "token"
 *   landings={[{ id: 'group-w4vP', name: 'Engineering', kind: 'group-mapping', href: '/group-mappings/group-w4vP?tab=access' }]}
 * />
 * ```
 */
export function LazyLandingAccess(props: LandingAccessProps) {
  return (
    <Suspense fallback={<Skeleton className="h-24 w-full" />}>
      <LandingAccessChunk {...props} />
    </Suspense>
  );
}
