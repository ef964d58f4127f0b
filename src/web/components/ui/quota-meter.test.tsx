import { render, screen } from '@testing-library/react';
import { expect, test } from 'vitest';
import { QuotaMeter } from './quota-meter.tsx';

const POOLS = { one: 'pool', many: 'pools' };

test('usage under 80 %: "7 of 50 pools" as a named meter, no warning', () => {
  render(
    <QuotaMeter limit={50} usage={7} noun={POOLS} label="Pools of Okta" />,
  );
  const meter = screen.getByRole('meter', { name: 'Pools of Okta' });
  expect(meter).toHaveAttribute('aria-valuenow', '7');
  expect(meter).toHaveAttribute('aria-valuemax', '50');
  expect(meter).toHaveAttribute('aria-valuetext', '7 of 50 pools');
  expect(screen.getByText('7 of 50 pools')).toBeInTheDocument();
  expect(screen.queryByText(/limit/i)).not.toBeInTheDocument();
});

test('from 80 %: nearly at the limit, with what is left', () => {
  render(<QuotaMeter limit={50} usage={40} noun={POOLS} label="Pools" />);
  expect(screen.getByText('40 of 50 pools')).toBeInTheDocument();
  expect(
    screen.getByText('Nearly at the limit: 10 pools left.'),
  ).toBeInTheDocument();
});

test('at (or past) the limit: creating another will be refused', () => {
  const { rerender } = render(
    <QuotaMeter limit={1} usage={1} noun={POOLS} label="Pools" />,
  );
  expect(screen.getByText('1 of 1 pool')).toBeInTheDocument();
  expect(
    screen.getByText('At the limit: creating another will be refused.'),
  ).toBeInTheDocument();
  rerender(<QuotaMeter limit={12} usage={13} noun={POOLS} label="Pools" />);
  expect(screen.getByRole('meter', { name: 'Pools' })).toHaveAttribute(
    'aria-valuenow',
    '12',
  );
  expect(screen.getByText('13 of 12 pools')).toBeInTheDocument();
  expect(screen.getByText(/creating another will be refused/)).toBeVisible();
});

test('without usage: the limit alone, or the count the caller knows', () => {
  const mappings = { one: 'group mapping', many: 'group mappings' };
  const { rerender } = render(
    <QuotaMeter limit={12} noun={mappings} label="Group mappings" />,
  );
  expect(screen.getByText(/Limit 12 group mappings/)).toBeInTheDocument();
  expect(screen.queryByRole('meter')).not.toBeInTheDocument();
  rerender(
    <QuotaMeter limit={12} count={11} noun={mappings} label="Group mappings" />,
  );
  expect(screen.getByText('11 of 12 group mappings')).toBeInTheDocument();
  expect(
    screen.getByText('Nearly at the limit: 1 group mapping left.'),
  ).toBeInTheDocument();
  // A usage the quota reports wins over the caller's count.
  rerender(
    <QuotaMeter
      limit={12}
      usage={3}
      count={11}
      noun={mappings}
      label="Group mappings"
    />,
  );
  expect(screen.getByText('3 of 12 group mappings')).toBeInTheDocument();
});
