import { Component, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { paths } from '@/config/paths.ts';
import { getErrorMessage } from '@/lib/errors.ts';
import { Alert, AlertTitle } from '../ui/alert.tsx';
import { Breadcrumbs } from '../ui/breadcrumbs.tsx';
import { ApiErrorView } from './api-error-view.tsx';

/**
 * A screen's error boundary: an error thrown while rendering (or loading)
 * the screen replaces only that screen, until the address changes.
 */
export function RouteErrorBoundary({ children }: { children: ReactNode }) {
  const location = useLocation();
  return <ErrorBoundary resetKey={location.key}>{children}</ErrorBoundary>;
}

type BoundaryProps = { resetKey: string; children: ReactNode };
type BoundaryState = { caught: { error: unknown } | null; resetKey: string };

class ErrorBoundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = {
    caught: null,
    resetKey: this.props.resetKey,
  };

  static getDerivedStateFromProps(
    props: BoundaryProps,
    state: BoundaryState,
  ): Partial<BoundaryState> | null {
    // Navigating away from a failed screen renders the next one afresh.
    return props.resetKey === state.resetKey
      ? null
      : { caught: null, resetKey: props.resetKey };
  }

  static getDerivedStateFromError(error: unknown): Partial<BoundaryState> {
    return { caught: { error } };
  }

  override render() {
    return this.state.caught ? (
      <ScreenError error={this.state.caught.error} />
    ) : (
      this.props.children
    );
  }
}

function ScreenError({ error }: { error: unknown }) {
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
