import { useMemo, useState, type ReactNode } from 'react';
import { evaluateFilter } from '#filter/evaluate.ts';
import {
  ConditionResults,
  FilterVerdict,
  UntestableFilterAlert,
} from '@/components/filter-editor/condition-results.tsx';
import { TesterPanel } from '@/components/filter-editor/tester-panel.tsx';
import { GROUP_LIST_FORMAT_LABELS, parseGroupList } from './group-list.ts';
import { GroupListField } from './group-list-field.tsx';

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
  const reading = useMemo(() => parseGroupList(input), [input]);
  const groups = reading?.ok ? reading.groups : undefined;
  const evaluation = useMemo(
    () =>
      groups ? evaluateFilter(filter, { groups }, 'group-mapping') : undefined,
    [filter, groups],
  );

  return (
    <TesterPanel title="Test a user’s groups" className={className}>
      <p className="text-sm text-slate-700">
        Does a user whose SSO groups are these get this mapping?
      </p>
      <div className="grid gap-1.5">
        <GroupListField
          label="SSO groups"
          value={input}
          onChange={setInput}
          reading={reading}
          rows={4}
        />
      </div>

      {evaluation && !evaluation.ok && (
        <UntestableFilterAlert problems={evaluation.problems} isPlain />
      )}

      {evaluation?.ok && (
        <FilterVerdict
          isPositive={evaluation.matches}
          headline={
            evaluation.matches
              ? 'These groups get this mapping.'
              : 'These groups do not get this mapping.'
          }
        >
          {reading?.ok && (
            <p className="text-sm">
              Tested with {reading.groups.length}{' '}
              {reading.groups.length === 1 ? 'group' : 'groups'}, read as{' '}
              {GROUP_LIST_FORMAT_LABELS[reading.format]}.
            </p>
          )}
        </FilterVerdict>
      )}

      {evaluation?.ok && (
        <ConditionResults conditions={evaluation.conditions} spoken="value" />
      )}

      {renderAccess && evaluation?.ok && evaluation.matches && renderAccess()}
    </TesterPanel>
  );
}
