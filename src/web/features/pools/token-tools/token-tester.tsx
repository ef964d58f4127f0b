import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState, type ReactNode } from 'react';
import { evaluateFilter } from '#filter/evaluate.ts';
import { extractIdentity } from '#filter/identity.ts';
import { decodeToken } from '#filter/token.ts';
import {
  ConditionResults,
  FilterVerdict,
  UntestableFilterAlert,
} from '@/components/filter-editor/condition-results.tsx';
import {
  TestedIdentity,
  TesterPanel,
} from '@/components/filter-editor/tester-panel.tsx';
import { DisabledReason } from '@/components/ui/disabled-reason.tsx';
import {
  FieldDescription,
  FieldError,
  FieldLabel,
} from '@/components/ui/field.tsx';
import { Textarea } from '@/components/ui/input.tsx';
import { serverQueries } from '../api/sts-check.ts';
import { StsCheck } from './sts-check.tsx';
import { rejectionHeadline, rejectionReasons } from './token-verdict.ts';

/** A token that lands in the pool, as the access view beside the tester reads it. */
export type TestedLanding = {
  identity: { ok: true; identity: string } | { ok: false; message: string };
  /** Set when Confluent refuses the token before any filter runs: why. */
  refusal?: string;
};

/**
 * Checks a pasted token against a filter, in the browser: the token is kept
 * in this component's state and never stored. Only on the emulator, and only
 * when asked, is it sent to the emulator's STS for this pool.
 */
export function TokenTester({
  filter,
  identityClaim,
  providerIssuer,
  poolId,
  savedFilter,
  className,
  input: controlledInput,
  onInputChange,
  onSaveTestCase,
  saveDisabledReason,
  renderAccess,
}: {
  filter: string;
  identityClaim: string;
  providerIssuer?: string;
  /** The saved pool under test: on the emulator, its STS can be asked about it. */
  poolId?: string;
  /** The pool's filter as saved, when `filter` may be an unsaved edit of it. */
  savedFilter?: string;
  className?: string;
  /** Controlled token text, when the caller shares it (e.g. with the editor). */
  input?: string;
  onInputChange?: (input: string) => void;
  /** Offered once a token decodes: keeps its claims as a test case of the pool. */
  onSaveTestCase?: (testCase: {
    name: string;
    expected: 'match' | 'no-match';
    claims: Record<string, unknown>;
  }) => Promise<void>;
  /** Set when the user may not save test cases: why (the controls stay, disabled). */
  saveDisabledReason?: string;
  /** What a token that matches may then do (composed by the route: features do not import each other). */
  renderAccess?: (landing: TestedLanding) => ReactNode;
}) {
  const [ownInput, setOwnInput] = useState('');
  const input = controlledInput ?? ownInput;
  const setInput = onInputChange ?? setOwnInput;
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
  // What Confluent checks before any filter runs decides the headline: a
  // token it refuses lands in no pool, whatever the filter says.
  const rejections = claims ? rejectionReasons(claims, providerIssuer) : [];
  const isRejected = rejections.length > 0;
  // Only the embedded emulator's STS may be asked: never Confluent's.
  const upstream = useQuery({
    ...serverQueries.upstream(),
    enabled: poolId !== undefined,
  });
  const canAskSts = poolId !== undefined && upstream.data === 'emulator';

  return (
    <TesterPanel title="Test a token" className={className}>
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
          {canAskSts
            ? 'Paste a JWT or a JSON object of claims. It is decoded in your browser and never stored; it is sent only if you ask the emulator’s STS below.'
            : 'Paste a JWT or a JSON object of claims. It is decoded in your browser and never sent to Lifeguard’s server or stored.'}
        </FieldDescription>
        {decoded && !decoded.ok && (
          <FieldError id={errorId}>{decoded.message}</FieldError>
        )}
      </div>

      {evaluation && !evaluation.ok && (
        <UntestableFilterAlert problems={evaluation.problems} />
      )}

      {(isRejected || evaluation?.ok) && (
        <FilterVerdict
          isPositive={
            evaluation?.ok === true && evaluation.matches && !isRejected
          }
          headline={
            isRejected
              ? rejectionHeadline(rejections)
              : evaluation?.ok && evaluation.matches
                ? 'This token matches the filter.'
                : 'This token does not match the filter.'
          }
        >
          {isRejected && evaluation?.ok && (
            <p className="text-sm">
              {evaluation.matches
                ? 'On its claims alone it matches the filter, but Confluent checks the issuer and expiry first, so it lands in no pool.'
                : 'On its claims alone it does not match the filter either.'}
            </p>
          )}
        </FilterVerdict>
      )}

      {evaluation?.ok && (
        <ConditionResults conditions={evaluation.conditions} />
      )}

      {identity && (
        <TestedIdentity source={identityClaim} identity={identity} />
      )}

      {canAskSts && (
        <StsCheck
          poolId={poolId}
          input={input}
          decoded={decoded}
          inBrowserGetsIn={
            isRejected ? false : evaluation?.ok ? evaluation.matches : undefined
          }
          isFilterEdited={savedFilter !== undefined && savedFilter !== filter}
        />
      )}

      {renderAccess &&
        identity &&
        evaluation?.ok &&
        evaluation.matches &&
        renderAccess({
          identity,
          ...(isRejected && { refusal: rejectionHeadline(rejections) }),
        })}

      {claims && onSaveTestCase && (
        <SaveTestCase
          claims={claims}
          matches={evaluation?.ok ? evaluation.matches : undefined}
          onSave={onSaveTestCase}
          disabledReason={saveDisabledReason}
        />
      )}

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
    </TesterPanel>
  );
}

function SaveTestCase({
  claims,
  matches,
  onSave,
  disabledReason,
}: {
  claims: Record<string, unknown>;
  matches: boolean | undefined;
  onSave: NonNullable<Parameters<typeof TokenTester>[0]['onSaveTestCase']>;
  disabledReason?: string;
}) {
  const reasonId = useId();
  const isDisabled = disabledReason !== undefined;
  const describedBy = isDisabled ? reasonId : undefined;
  const [name, setName] = useState('');
  const [expected, setExpected] = useState<'match' | 'no-match' | undefined>();
  const [state, setState] = useState<{ saving?: boolean; error?: string }>({});
  const nameId = useId();
  const expectedId = useId();
  const effective = expected ?? (matches === false ? 'no-match' : 'match');
  return (
    <form
      className="flex flex-wrap items-end gap-2 border-t border-slate-100 pt-3"
      onSubmit={async (event) => {
        event.preventDefault();
        if (isDisabled) return;
        if (!name.trim()) {
          setState({ error: 'Give the test case a name.' });
          return;
        }
        setState({ saving: true });
        try {
          await onSave({ name, expected: effective, claims });
          setName('');
          setState({});
        } catch (error) {
          setState({
            error: error instanceof Error ? error.message : String(error),
          });
        }
      }}
    >
      <div className="grid gap-1">
        <FieldLabel htmlFor={nameId}>Test case name</FieldLabel>
        <input
          id={nameId}
          value={name}
          disabled={isDisabled}
          aria-describedby={describedBy}
          onChange={(event) => setName(event.target.value)}
          className="h-8 rounded-md border border-slate-300 px-2 text-sm"
        />
      </div>
      <div className="grid gap-1">
        <FieldLabel htmlFor={expectedId}>Expected</FieldLabel>
        <select
          id={expectedId}
          value={effective}
          disabled={isDisabled}
          aria-describedby={describedBy}
          onChange={(event) =>
            setExpected(event.target.value as 'match' | 'no-match')
          }
          className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm"
        >
          <option value="match">should match</option>
          <option value="no-match">should not match</option>
        </select>
      </div>
      <button
        type="submit"
        disabled={state.saving || isDisabled}
        aria-describedby={describedBy}
        className="h-8 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium hover:bg-slate-50 disabled:opacity-50"
      >
        {state.saving ? 'Saving…' : 'Save as test case'}
      </button>
      {disabledReason && (
        <DisabledReason id={reasonId} className="w-full">
          {disabledReason}
        </DisabledReason>
      )}
      <p className="w-full text-xs text-slate-600">
        Saving stores these decoded claims (not the token) on Lifeguard’s
        server, so your team can re-run them whenever the filter changes.
      </p>
      {state.error && <FieldError className="w-full">{state.error}</FieldError>}
    </form>
  );
}
