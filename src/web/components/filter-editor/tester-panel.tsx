import { useId, type ReactNode } from 'react';
import { cn } from '@/lib/cn.ts';

// The testers of every kind (tokens, SSO groups, client certificates) are
// framed alike; loaded with them, never with the first screen.

/** A tester's panel, named by its heading ("Test a token"). */
export function TesterPanel({
  title,
  className,
  children,
}: {
  title: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  const titleId = useId();
  return (
    <section
      aria-labelledby={titleId}
      className={cn(
        'grid gap-3 rounded-lg border border-slate-200 bg-white p-4',
        className,
      )}
    >
      <h2 id={titleId} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/**
 * Who the tested input acts as in audit logs, read from `source` (an
 * identity claim, a certificate's external identifier), or why it cannot be.
 */
export function TestedIdentity({
  source,
  identity,
}: {
  source: string;
  identity: { ok: true; identity: string } | { ok: false; message: string };
}) {
  return (
    <p className="text-sm">
      <span className="font-medium">Identity in audit logs ({source}): </span>
      {identity.ok ? (
        <code className="font-mono break-all">{identity.identity}</code>
      ) : (
        <span className="text-red-800">{identity.message}</span>
      )}
    </p>
  );
}
