import type { ReactNode } from 'react';
import { useRoutes, type RouteObject } from 'react-router';
import { NotFoundMessage } from '@/components/errors/route-error-boundary.tsx';
import {
  CERTIFICATE_AUTHORITIES,
  CERTIFICATE_AUTHORITY,
  CERTIFICATE_AUTHORITY_EDIT,
  CERTIFICATE_AUTHORITY_NEW,
  CERTIFICATE_AUTHORITY_REACH,
  CERTIFICATE_POOL,
  CERTIFICATE_POOL_EDIT,
  CERTIFICATE_POOL_NEW,
  GROUP_MAPPING,
  GROUP_MAPPING_EDIT,
  GROUP_MAPPING_NEW,
  GROUP_MAPPING_REACH,
  GROUP_MAPPINGS,
} from '@/config/federation-routes.ts';
import { lazyScreen, screen } from './lazy-screen.tsx';

// The federation sections' screens, loaded with the first of them: the
// first screen's router holds one entry per section (`/group-mappings/*`),
// since every lazy entry there costs bytes of the 110 kB budget in its
// preload list (docs/decisions/020).

/** A section's pattern below its root, as descendant routes match it. */
function below(section: string, pattern: string): string {
  return pattern === section ? '' : pattern.slice(section.length + 1);
}

function sectionRoutes(
  section: string,
  screens: [pattern: string, element: ReactNode][],
): RouteObject[] {
  return [
    ...screens.map(([pattern, element]) => ({
      path: below(section, pattern),
      element: screen(element),
    })),
    { path: '*', element: screen(<NotFoundMessage />) },
  ];
}

const GROUP_MAPPING_ROUTES = sectionRoutes(GROUP_MAPPINGS, [
  [
    GROUP_MAPPINGS,
    lazyScreen(
      () => import('./routes/group-mappings.tsx'),
      'GroupMappingsRoute',
    ),
  ],
  [
    GROUP_MAPPING_NEW,
    lazyScreen(
      () => import('./routes/group-mapping-create.tsx'),
      'GroupMappingCreateRoute',
    ),
  ],
  [
    GROUP_MAPPING_REACH,
    lazyScreen(
      () => import('./routes/group-mapping-reach.tsx'),
      'GroupMappingReachRoute',
    ),
  ],
  [
    GROUP_MAPPING,
    lazyScreen(
      () => import('./routes/group-mapping-detail.tsx'),
      'GroupMappingDetailRoute',
    ),
  ],
  [
    GROUP_MAPPING_EDIT,
    lazyScreen(
      () => import('./routes/group-mapping-edit.tsx'),
      'GroupMappingEditRoute',
    ),
  ],
]);

const CERTIFICATE_ROUTES = sectionRoutes(CERTIFICATE_AUTHORITIES, [
  [
    CERTIFICATE_AUTHORITIES,
    lazyScreen(
      () => import('./routes/certificate-authorities.tsx'),
      'CertificateAuthoritiesRoute',
    ),
  ],
  [
    CERTIFICATE_AUTHORITY_NEW,
    lazyScreen(
      () => import('./routes/certificate-authority-create.tsx'),
      'CertificateAuthorityCreateRoute',
    ),
  ],
  [
    CERTIFICATE_AUTHORITY,
    lazyScreen(
      () => import('./routes/certificate-authority-detail.tsx'),
      'CertificateAuthorityDetailRoute',
    ),
  ],
  [
    CERTIFICATE_AUTHORITY_EDIT,
    lazyScreen(
      () => import('./routes/certificate-authority-edit.tsx'),
      'CertificateAuthorityEditRoute',
    ),
  ],
  [
    CERTIFICATE_AUTHORITY_REACH,
    lazyScreen(
      () => import('./routes/certificate-authority-reach.tsx'),
      'CertificateAuthorityReachRoute',
    ),
  ],
  [
    CERTIFICATE_POOL_NEW,
    lazyScreen(
      () => import('./routes/certificate-pool-create.tsx'),
      'CertificatePoolCreateRoute',
    ),
  ],
  [
    CERTIFICATE_POOL,
    lazyScreen(
      () => import('./routes/certificate-pool-detail.tsx'),
      'CertificatePoolDetailRoute',
    ),
  ],
  [
    CERTIFICATE_POOL_EDIT,
    lazyScreen(
      () => import('./routes/certificate-pool-edit.tsx'),
      'CertificatePoolEditRoute',
    ),
  ],
]);

/** Every screen under `/group-mappings`. */
export function GroupMappingScreens() {
  return useRoutes(GROUP_MAPPING_ROUTES);
}

/** Every screen under `/certificate-authorities`. */
export function CertificateScreens() {
  return useRoutes(CERTIFICATE_ROUTES);
}
