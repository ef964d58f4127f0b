import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useForm } from 'react-hook-form';
import { MemoryRouter } from 'react-router';
import { expect, test, vi } from 'vitest';
import { ApiError } from '@/lib/errors.ts';
import { NameFields, type NameValues } from './name-fields.tsx';
import { ResourceForm } from './resource-form.tsx';

function Harness({
  onSubmit = () => Promise.resolve(),
  withNotice = false,
}: {
  onSubmit?: (values: NameValues) => Promise<void>;
  withNotice?: boolean;
}) {
  const form = useForm<NameValues>({
    defaultValues: { display_name: '', description: '' },
  });
  return (
    <MemoryRouter>
      <ResourceForm
        form={form}
        fields={['display_name', 'description']}
        onSubmit={onSubmit}
        isPending={false}
        submitLabel="Create"
        pendingLabel="Creating…"
        cancelHref="/"
      >
        <NameFields
          nameNotice={
            withNotice
              ? (name, id) =>
                  name === 'apps' && <p id={id}>Another pool is called apps.</p>
              : undefined
          }
        />
      </ResourceForm>
    </MemoryRouter>
  );
}

test('the name and description go into the form’s values', async () => {
  const onSubmit = vi.fn(() => Promise.resolve());
  render(<Harness onSubmit={onSubmit} />);
  await userEvent.type(screen.getByLabelText('Display name'), 'apps');
  await userEvent.type(screen.getByLabelText('Description'), 'Line one.');
  await userEvent.click(screen.getByRole('button', { name: 'Create' }));
  expect(onSubmit).toHaveBeenCalledWith({
    display_name: 'apps',
    description: 'Line one.',
  });
  expect(screen.getByLabelText('Description').tagName).toBe('TEXTAREA');
});

test('a note on the name typed is read with the field', async () => {
  render(<Harness withNotice />);
  const name = screen.getByLabelText('Display name');
  await userEvent.type(name, 'apps');
  expect(name).toHaveAccessibleDescription('Another pool is called apps.');
  await userEvent.type(name, '-2');
  expect(name).not.toHaveAccessibleDescription();
});

test('the server’s word on the name lands on it', async () => {
  render(
    <Harness
      onSubmit={() =>
        Promise.reject(
          new ApiError({
            status: 422,
            body: {
              errors: [
                {
                  detail: 'display_name must not be empty',
                  source: { pointer: '/display_name' },
                },
              ],
            },
          }),
        )
      }
    />,
  );
  await userEvent.click(screen.getByRole('button', { name: 'Create' }));
  const name = screen.getByLabelText('Display name');
  expect(name).toHaveAttribute('aria-invalid', 'true');
  expect(name).toHaveAccessibleDescription('display_name must not be empty');
  expect(name).toHaveFocus();
});
