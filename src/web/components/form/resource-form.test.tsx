import { zodResolver } from '@hookform/resolvers/zod';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { expect, test, vi } from 'vitest';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { Input, Textarea } from '@/components/ui/input.tsx';
import { ApiError } from '@/lib/errors.ts';
import { FormField } from './form-field.tsx';
import { ResourceForm } from './resource-form.tsx';

const schema = z.object({
  display_name: z.string().min(1, { error: 'Display name is required' }),
  description: z.string(),
});
type Values = z.infer<typeof schema>;
const FIELDS = ['display_name', 'description'] as const;

function invalid(pointers: Record<string, string>) {
  return new ApiError({
    status: 422,
    body: {
      errors: Object.entries(pointers).map(([field, detail]) => ({
        status: '422',
        detail,
        source: { pointer: `/${field}` },
      })),
    },
  });
}

function Harness({
  onSubmit,
  isPending = false,
  requireChanges = false,
}: {
  onSubmit: (values: Values) => Promise<void>;
  isPending?: boolean;
  requireChanges?: boolean;
}) {
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { display_name: 'apps', description: '' },
  });
  return (
    <ResourceForm
      form={form}
      fields={FIELDS}
      onSubmit={onSubmit}
      isPending={isPending}
      submitLabel="Save"
      pendingLabel="Saving…"
      cancelHref="/back"
      requireChanges={requireChanges}
    >
      <FormField
        control={form.control}
        name="display_name"
        label="Display name"
        hint="Shown in lists."
      >
        {(props) => <Input {...props} />}
      </FormField>
      <FormField control={form.control} name="description" label="Description">
        {(props) => <Textarea {...props} />}
      </FormField>
    </ResourceForm>
  );
}

function renderForm(props: Parameters<typeof Harness>[0]) {
  return render(
    <MemoryRouter>
      <Harness {...props} />
    </MemoryRouter>,
  );
}

test('a server error that names a field lands on it: invalid, described and focused', async () => {
  renderForm({
    onSubmit: () =>
      Promise.reject(invalid({ description: 'description is too long' })),
  });
  await userEvent.click(screen.getByRole('button', { name: 'Save' }));

  const description = screen.getByLabelText('Description');
  expect(description).toHaveAttribute('aria-invalid', 'true');
  expect(description).toHaveAccessibleDescription('description is too long');
  expect(description).toHaveFocus();
  const name = screen.getByLabelText('Display name');
  expect(name).toHaveAttribute('aria-invalid', 'false');
  expect(name).toHaveAccessibleDescription('Shown in lists.');
  // Nothing is left over for the top of the form.
  expect(screen.queryByRole('alert')).not.toBeInTheDocument();
});

test('focus goes to the field the server complained about first', async () => {
  renderForm({
    onSubmit: () =>
      Promise.reject(
        invalid({ description: 'Too long.', display_name: 'Taken.' }),
      ),
  });
  await userEvent.click(screen.getByRole('button', { name: 'Save' }));
  expect(screen.getByLabelText('Description')).toHaveFocus();
  expect(screen.getByLabelText('Display name')).toHaveAccessibleDescription(
    'Shown in lists. Taken.',
  );
});

test('an error about a field this form lacks shows at the top too, with a retry', async () => {
  const onSubmit = vi
    .fn<(values: Values) => Promise<void>>()
    .mockRejectedValueOnce(
      invalid({ display_name: 'Taken.', filter: 'Not valid.' }),
    )
    .mockResolvedValueOnce(undefined);
  renderForm({ onSubmit });
  await userEvent.click(screen.getByRole('button', { name: 'Save' }));

  expect(screen.getByLabelText('Display name')).toHaveAccessibleDescription(
    'Shown in lists. Taken.',
  );
  const alert = screen.getByRole('alert');
  await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
  expect(onSubmit).toHaveBeenCalledTimes(2);
  expect(screen.queryByRole('alert')).not.toBeInTheDocument();
});

test('an error that names no field shows at the top and keeps what was typed', async () => {
  renderForm({
    onSubmit: () => Promise.reject(new ApiError({ status: 503 })),
  });
  await userEvent.type(screen.getByLabelText('Description'), 'Kept.');
  await userEvent.click(screen.getByRole('button', { name: 'Save' }));
  expect(await screen.findByRole('alert')).toHaveTextContent(
    'The service is unavailable',
  );
  expect(screen.getByLabelText('Description')).toHaveValue('Kept.');
});

test('the form’s own rules speak first, and nothing is sent', async () => {
  const onSubmit = vi.fn<(values: Values) => Promise<void>>();
  renderForm({ onSubmit });
  const name = screen.getByLabelText('Display name');
  await userEvent.clear(name);
  await userEvent.click(screen.getByRole('button', { name: 'Save' }));
  expect(name).toHaveAccessibleDescription(
    'Shown in lists. Display name is required',
  );
  expect(onSubmit).not.toHaveBeenCalled();
});

test('while a save is pending the form is busy and cannot be sent again', () => {
  renderForm({ onSubmit: vi.fn(), isPending: true });
  const submit = screen.getByRole('button', { name: 'Saving…' });
  expect(submit).toBeDisabled();
  expect(submit).toHaveAttribute('aria-busy', 'true');
  expect(submit.closest('form')).toHaveAttribute('aria-busy', 'true');
  expect(screen.getByRole('link', { name: 'Cancel' })).toHaveAttribute(
    'href',
    '/back',
  );
});

test('an edit with nothing changed says why it cannot be saved, until something is', async () => {
  renderForm({ onSubmit: vi.fn(), requireChanges: true });
  const save = screen.getByRole('button', { name: 'Save' });
  expect(save).toBeDisabled();
  expect(save).toHaveAccessibleDescription('No changes to save');
  await userEvent.type(screen.getByLabelText('Description'), 'x');
  expect(save).toBeEnabled();
  expect(screen.queryByText('No changes to save')).not.toBeInTheDocument();
});
