import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { paths } from '@/config/paths.ts';
import { getErrorMessage } from '@/lib/errors.ts';
import { Alert, AlertTitle } from '../ui/alert.tsx';
import { Breadcrumbs } from '../ui/breadcrumbs.tsx';
import { ApiErrorView } from './api-error-view.tsx';

/** A route's error element: an error thrown while rendering the screen. */
export function RouteErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return <NotFoundMessage />;
  }
  if (error instanceof Error && error.name === 'ApiError') {
    return (
      <>
        <Breadcrumbs items={homeCrumbs('Error')} />
        <ApiErrorView error={error} onRetry={() => window.location.reload()} />
      </>
    );
  }
  return (
    <>
      <Breadcrumbs items={homeCrumbs('Error')} />
      <Alert>
        <AlertTitle>This screen failed</AlertTitle>
        <p>{getErrorMessage(error)}</p>
        <p className="mt-2">
          <Link
            to={paths.home.getHref()}
            className="font-medium text-brand-700 underline"
          >
            Back to identity providers
          </Link>
        </p>
      </Alert>
    </>
  );
}

function homeCrumbs(page: string) {
  return [
    { label: 'Identity providers', href: paths.home.getHref() },
    { label: page },
  ];
}

export function NotFoundMessage() {
  return (
    <>
      <Breadcrumbs items={homeCrumbs('Page not found')} />
      <section className="py-12 text-center">
        <h1 className="text-2xl font-semibold">Page not found</h1>
        <p className="mt-2 text-slate-700">There is nothing at this address.</p>
        <p className="mt-4">
          <Link
            to={paths.home.getHref()}
            className="font-medium text-brand-700 underline"
          >
            Go to identity providers
          </Link>
        </p>
      </section>
    </>
  );
}
