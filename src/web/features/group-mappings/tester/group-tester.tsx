import { useId, useMemo, useState, type ReactNode } from 'react';
import { evaluateFilter } from '#filter/evaluate.ts';
import { Alert } from '@/components/ui/alert.tsx';
import {
  FieldDescription,
  FieldError,
  FieldLabel,
} from '@/components/ui/field.tsx';
import { Textarea } from '@/components/ui/input.tsx';
import { cn } from '@/lib/cn.ts';
import { GROUP_LIST_FORMAT_LABELS, parseGroupList } from './group-list.ts';
import { GroupListReadingView } from './group-list-reading.tsx';

const MARK = { true: '✓', false: '✗', error: '!' } as const;
const MARK_LABEL = {
  true: 'true',
  false: 'false',
  error: 'cannot be decided',
} as const;

/**
 * Does a user with these SSO groups get this mapping? The groups are read
 * as pasted (see parseGroupList) and the filter evaluated in the browser,
 * condition by condition; nothing is sent or stored.
 */
export function GroupTester({
  filter,
  className,
  renderAccess,
}: {
  filter: string;
  className?: string;
  /** What the user then holds through this mapping, composed by the route. */
  renderAccess?: () => ReactNode;
}) {
  const [input, setInput] = useState('');
  const inputId = useId();
  const helpId = useId();
  const errorId = useId();
  const readingId = useId();
  const reading = useMemo(() => parseGroupList(input), [input]);
  const groups = reading?.ok ? reading.groups : undefined;
  const evaluation = useMemo(
    () =>
      groups ? evaluateFilter(filter, { groups }, 'group-mapping') : undefined,
    [filter, groups],
  );
  const isInvalid = reading !== undefined && !reading.ok;

  return (
    <section
      aria-labelledby={`${inputId}-title`}
      className={cn(
        'grid gap-3 rounded-lg border border-slate-200 bg-white p-4',
        className,
      )}
    >
      <h2 id={`${inputId}-title`} className="text-lg font-semibold">
        Test a user’s groups
      </h2>
      <p className="text-sm text-slate-700">
        Does a user whose SSO groups are these get this mapping?
      </p>
      <div className="grid gap-1.5">
        <FieldLabel htmlFor={inputId}>SSO groups</FieldLabel>
        <Textarea
          id={inputId}
          value={input}
          onChange={(event) => setInput(event.target.value)}
          placeholder={'engineering\nkafka-admins'}
          spellCheck={false}
          autoComplete="off"
          rows={4}
          aria-describedby={[
            helpId,
            isInvalid ? errorId : reading ? readingId : undefined,
          ]
            .filter(Boolean)
            .join(' ')}
          aria-invalid={isInvalid}
          className="text-xs"
        />
        <FieldDescription id={helpId}>
          One group per line, a JSON array such as{' '}
          <code className="font-mono">["engineering", "devops"]</code>,
          comma-separated names, or the groups attribute of a SAML assertion
          (its <code className="font-mono">AttributeValue</code> elements).
          Names are compared exactly, case included; write{' '}
          <code className="font-mono">[]</code> for a user in no group. Read in
          your browser only.
        </FieldDescription>
        {reading && !reading.ok && (
          <FieldError id={errorId}>{reading.message}</FieldError>
        )}
        {reading?.ok && (
          <GroupListReadingView id={readingId} reading={reading} />
        )}
      </div>

      {evaluation && !evaluation.ok && (
        <Alert tone="warning">
          The filter has errors, so it cannot be tested yet:{' '}
          {evaluation.problems[0]?.message.replace(/`/g, '')}
        </Alert>
      )}

      {evaluation?.ok && (
        <div
          role="status"
          className={cn(
            'grid gap-1 rounded-md px-3 py-2',
            evaluation.matches
              ? 'bg-green-50 text-green-900'
              : 'bg-red-50 text-red-900',
          )}
        >
          <p className="font-semibold">
            {evaluation.matches
              ? 'These groups get this mapping.'
              : 'These groups do not get this mapping.'}
          </p>
          {reading?.ok && (
            <p className="text-sm">
              Tested with {reading.groups.length}{' '}
              {reading.groups.length === 1 ? 'group' : 'groups'}, read as{' '}
              {GROUP_LIST_FORMAT_LABELS[reading.format]}.
            </p>
          )}
        </div>
      )}

      {evaluation?.ok && (
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
                  : {MARK_LABEL[condition.result]}
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
      )}

      {renderAccess && evaluation?.ok && evaluation.matches && renderAccess()}
    </section>
  );
}
