import { lazy, Suspense, type ComponentProps } from 'react';
import { Skeleton } from '@/components/ui/skeleton.tsx';

// The tester brings the certificate decoder (ASN.1) and the filter engine:
// load them only on the screens that show it.
const CertificateTesterChunk = lazy(() =>
  import('./certificate-tester.tsx').then((module) => ({
    default: module.CertificateTester,
  })),
);

export function LazyCertificateTester(
  props: ComponentProps<typeof CertificateTesterChunk>,
) {
  return (
    <Suspense fallback={<Skeleton className="h-48 w-full" />}>
      <CertificateTesterChunk {...props} />
    </Suspense>
  );
}
