import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Alert, AlertTitle } from '@/components/ui/alert.tsx';

/** Instead of a screen the signed-in role may not use (e.g. a form reached by URL). */
export function WriteAccessNotice({
  title,
  children,
  backHref,
  backLabel,
}: {
  title: string;
  children: ReactNode;
  backHref: string;
  backLabel: string;
}) {
  return (
    <Alert tone="warning">
      <AlertTitle>{title}</AlertTitle>
      <p>{children}</p>
      <p className="mt-2">
        <Link to={backHref} className="font-medium text-brand-700 underline">
          {backLabel}
        </Link>
      </p>
    </Alert>
  );
}
