import { render, screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { evaluateFilter } from '#filter/evaluate.ts';
import { ConditionResults } from './condition-results.tsx';

function conditionsOf(
  ...args: Parameters<typeof evaluateFilter>
): Parameters<typeof ConditionResults>[0]['conditions'] {
  const evaluation = evaluateFilter(...args);
  if (!evaluation.ok) throw new Error('the filter should be valid');
  return evaluation.conditions;
}

test('each condition says whether it passes, and why one cannot be decided', () => {
  render(
    <ConditionResults
      conditions={conditionsOf('claims.aud == "kafka" && claims.sub == "a"', {
        aud: 'kafka',
      })}
    />,
  );
  const items = within(
    screen.getByRole('list', { name: 'Conditions' }),
  ).getAllByRole('listitem');
  expect(items[0]).toHaveTextContent('✓claims.aud == "kafka" passes');
  expect(items[1]).toHaveTextContent(
    /claims\.sub == "a" cannot be decided.*absent/,
  );
});

test('groups read as values, and a message can drop its backticks', () => {
  render(
    <ConditionResults
      conditions={conditionsOf('"a" in groups', {}, 'group-mapping')}
      spoken="value"
      isPlain
    />,
  );
  const list = screen.getByRole('list', { name: 'Conditions' });
  expect(list).toHaveTextContent('"a" in groups: cannot be decided');
  expect(list).toHaveTextContent('The user has no groups list');
});

test('a result no condition produced shows its note', () => {
  render(
    <ConditionResults
      conditions={conditionsOf('', { CN: 'x' }, 'certificate-pool')}
    />,
  );
  expect(
    within(screen.getByRole('list', { name: 'Conditions' })).getByText(
      'An empty filter matches no certificate',
    ),
  ).toBeInTheDocument();
});
