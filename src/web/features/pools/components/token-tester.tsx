import { useId, useMemo, useState } from 'react';
import { evaluateFilter } from '#filter/evaluate.ts';
import { extractIdentity } from '#filter/identity.ts';
import { decodeToken, tokenNotices } from '#filter/token.ts';
import { Alert } from '@/components/ui/alert.tsx';
import {
  FieldDescription,
  FieldError,
  FieldLabel,
} from '@/components/ui/field.tsx';
import { Textarea } from '@/components/ui/input.tsx';
import { cn } from '@/lib/cn.ts';

const MARK = { true: '✓', false: '✗', error: '!' } as const;
const MARK_LABEL = {
  true: 'passes',
  false: 'fails',
  error: 'cannot be decided',
} as const;

/**
 * Checks a pasted token against a filter, in the browser only: the token is
 * kept in this component's state and never sent anywhere or stored.
 */
export function TokenTester({
  filter,
  identityClaim,
  providerIssuer,
  className,
}: {
  filter: string;
  identityClaim: string;
  providerIssuer?: string;
  className?: string;
}) {
  const [input, setInput] = useState('');
  const inputId = useId();
  const helpId = useId();
  const errorId = useId();
  const decoded = useMemo(
    () => (input.trim() ? decodeToken(input) : undefined),
    [input],
  );
  const claims = decoded?.ok ? decoded.claims : undefined;
  const evaluation = useMemo(
    () => (claims ? evaluateFilter(filter, claims) : undefined),
    [filter, claims],
  );
  const identity = claims ? extractIdentity(identityClaim, claims) : undefined;
  const notices = claims ? tokenNotices(claims, providerIssuer) : [];

  return (
    <section
      aria-labelledby={`${inputId}-title`}
      className={cn(
        'grid gap-3 rounded-lg border border-slate-200 bg-white p-4',
        className,
      )}
    >
      <h2 id={`${inputId}-title`} className="text-lg font-semibold">
        Test a token
      </h2>
      <div className="grid gap-1.5">
        <FieldLabel htmlFor={inputId}>Token or claims</FieldLabel>
        <Textarea
          id={inputId}
          value={input}
          onChange={(event) => setInput(event.target.value)}
          placeholder={'eyJhbGciOi…  or  {"sub": "svc-orders", "aud": "kafka"}'}
          spellCheck={false}
          autoComplete="off"
          rows={4}
          aria-describedby={`${helpId}${decoded && !decoded.ok ? ` ${errorId}` : ''}`}
          aria-invalid={decoded !== undefined && !decoded.ok}
          className="text-xs"
        />
        <FieldDescription id={helpId}>
          Paste a JWT or a JSON object of claims. It is decoded in your browser
          and never sent to Lifeguard’s server or stored.
        </FieldDescription>
        {decoded && !decoded.ok && (
          <FieldError id={errorId}>{decoded.message}</FieldError>
        )}
      </div>

      {evaluation && !evaluation.ok && (
        <Alert tone="warning">
          The filter has errors, so it cannot be tested yet:{' '}
          {evaluation.problems[0]?.message}
        </Alert>
      )}

      {evaluation?.ok && (
        <div className="grid gap-3" aria-live="polite">
          <p
            role="status"
            className={cn(
              'rounded-md px-3 py-2 font-semibold',
              evaluation.matches
                ? 'bg-green-50 text-green-900'
                : 'bg-red-50 text-red-900',
            )}
          >
            {evaluation.matches
              ? 'This token matches the filter.'
              : 'This token does not match the filter.'}
          </p>
          <ul aria-label="Conditions" className="grid gap-1">
            {evaluation.conditions.map((condition) => (
              <li
                key={`${condition.from}-${condition.to}`}
                className="flex gap-2 text-sm"
              >
                <span
                  aria-hidden="true"
                  className={cn(
                    'w-4 shrink-0 text-center font-bold',
                    condition.result === 'true'
                      ? 'text-green-800'
                      : 'text-red-800',
                  )}
                >
                  {MARK[condition.result]}
                </span>
                <span className="min-w-0">
                  <code className="font-mono text-xs break-all">
                    {condition.text}
                  </code>
                  <span className="sr-only">
                    {' '}
                    {MARK_LABEL[condition.result]}
                  </span>
                  {condition.result === 'error' && (
                    <span className="block text-xs text-slate-700">
                      {condition.error}
                    </span>
                  )}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}

      {identity && (
        <p className="text-sm">
          <span className="font-medium">
            Identity in audit logs ({identityClaim}):{' '}
          </span>
          {identity.ok ? (
            <code className="font-mono break-all">{identity.identity}</code>
          ) : (
            <span className="text-red-800">{identity.message}</span>
          )}
        </p>
      )}

      {notices.map((notice) => (
        <Alert
          key={notice.kind}
          tone={notice.kind === 'issuer' ? 'warning' : 'info'}
        >
          {notice.message}
        </Alert>
      ))}

      {claims && (
        <details>
          <summary className="cursor-pointer text-sm font-medium">
            Decoded claims
          </summary>
          <pre className="mt-2 max-h-64 overflow-auto rounded bg-slate-50 p-2 font-mono text-xs">
            {JSON.stringify(claims, null, 2)}
          </pre>
        </details>
      )}
    </section>
  );
}
