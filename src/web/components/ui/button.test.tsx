import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test, vi } from 'vitest';
import { Button } from './button.tsx';

test('a pending button is busy, disabled and says what it is doing', async () => {
  const onClick = vi.fn();
  render(
    <Button pending pendingLabel="Saving…" onClick={onClick}>
      Save
    </Button>,
  );
  const button = screen.getByRole('button', { name: 'Saving…' });
  expect(button).toHaveAttribute('aria-busy', 'true');
  expect(button).toBeDisabled();
  await userEvent.click(button);
  expect(onClick).not.toHaveBeenCalled();
});

test('without a pending label, a pending button keeps its own', () => {
  render(<Button pending>Find JWKS URL</Button>);
  expect(screen.getByRole('button', { name: 'Find JWKS URL' })).toBeDisabled();
});

test('once no longer pending, the button is itself again and clickable', async () => {
  const onClick = vi.fn();
  const { rerender } = render(
    <Button pending pendingLabel="Saving…" onClick={onClick}>
      Save
    </Button>,
  );
  rerender(
    <Button pending={false} pendingLabel="Saving…" onClick={onClick}>
      Save
    </Button>,
  );
  const button = screen.getByRole('button', { name: 'Save' });
  expect(button).not.toHaveAttribute('aria-busy');
  await userEvent.click(button);
  expect(onClick).toHaveBeenCalledOnce();
});

test('disabled wins over not pending', () => {
  render(
    <Button pending={false} disabled>
      Save
    </Button>,
  );
  expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
});
