import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { MemoryRouter } from 'react-router';
import { expect, test, vi } from 'vitest';
import { Button } from '@/components/ui/button.tsx';
import { ApiError } from '@/lib/errors.ts';
import { ConfirmByNameDialog } from './confirm-by-name-dialog.tsx';

function Harness({
  isPending = false,
  error = null,
  canConfirm,
  onConfirm = () => {},
  onClosed,
}: {
  isPending?: boolean;
  error?: unknown;
  canConfirm?: boolean;
  onConfirm?: () => void;
  onClosed?: () => void;
}) {
  return (
    <MemoryRouter>
      <ConfirmByNameDialog
        trigger={<Button variant="danger">Delete</Button>}
        title="Delete Payments?"
        description={<p>This cannot be undone.</p>}
        name="Payments"
        confirmLabel="Delete pool"
        pendingLabel="Deleting…"
        isPending={isPending}
        error={error}
        canConfirm={canConfirm}
        onConfirm={onConfirm}
        onClosed={onClosed}
      >
        <p>Two role bindings stop working.</p>
      </ConfirmByNameDialog>
    </MemoryRouter>
  );
}

async function open() {
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'Delete' }));
  const dialog = screen.getByRole('alertdialog', { name: 'Delete Payments?' });
  return {
    user,
    dialog,
    input: within(dialog).getByLabelText('Type Payments to confirm'),
    confirm: within(dialog).getByRole('button', { name: 'Delete pool' }),
  };
}

test('confirm stays disabled until the exact name is typed, then Enter confirms', async () => {
  const onConfirm = vi.fn();
  render(<Harness onConfirm={onConfirm} />);
  const { user, dialog, input, confirm } = await open();
  expect(dialog).toHaveAccessibleDescription('This cannot be undone.');
  expect(dialog).toHaveTextContent('Two role bindings stop working.');
  expect(confirm).toBeDisabled();

  await user.type(input, 'payments{Enter}');
  expect(confirm).toBeDisabled();
  expect(onConfirm).not.toHaveBeenCalled();

  await user.clear(input);
  await user.type(input, 'Payments{Enter}');
  expect(confirm).toBeEnabled();
  expect(onConfirm).toHaveBeenCalledOnce();
});

test('Escape closes the dialog, forgets what was typed and gives focus back', async () => {
  const onClosed = vi.fn();
  render(<Harness onClosed={onClosed} />);
  const { user, input } = await open();
  await user.type(input, 'Paym');
  await user.keyboard('{Escape}');
  expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  expect(onClosed).toHaveBeenCalledOnce();
  expect(screen.getByRole('button', { name: 'Delete' })).toHaveFocus();

  const again = await open();
  expect(again.input).toHaveValue('');
});

test('nothing can be confirmed while what it depends on is not known', async () => {
  const onConfirm = vi.fn();
  render(<Harness canConfirm={false} onConfirm={onConfirm} />);
  const { user, input, confirm } = await open();
  await user.type(input, 'Payments{Enter}');
  expect(confirm).toBeDisabled();
  expect(onConfirm).not.toHaveBeenCalled();
});

function Pending() {
  const [isPending, setIsPending] = useState(false);
  return <Harness isPending={isPending} onConfirm={() => setIsPending(true)} />;
}

test('while pending the dialog is busy and cannot be closed', async () => {
  render(<Pending />);
  const { user, dialog, input } = await open();
  await user.type(input, 'Payments{Enter}');
  const busy = within(dialog).getByRole('button', { name: 'Deleting…' });
  expect(busy).toBeDisabled();
  expect(busy).toHaveAttribute('aria-busy', 'true');
  expect(within(dialog).getByRole('button', { name: 'Cancel' })).toBeDisabled();
  await user.keyboard('{Escape}');
  expect(screen.getByRole('alertdialog')).toBeInTheDocument();
});

test('a failed attempt is explained in the dialog, which stays open', async () => {
  render(<Harness error={new ApiError({ status: 500, requestId: 'req-1' })} />);
  const { dialog } = await open();
  expect(within(dialog).getByRole('alert')).toHaveTextContent('req-1');
});
