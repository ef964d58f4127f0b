import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useForm } from 'react-hook-form';
import { expect, test } from 'vitest';
import { Input } from '@/components/ui/input.tsx';
import { FormField } from './form-field.tsx';

function Harness({ withNotice = false }: { withNotice?: boolean }) {
  const { control, setError } = useForm({
    defaultValues: { display_name: '' },
  });
  return (
    <>
      <FormField
        control={control}
        name="display_name"
        label="Display name"
        hint="Shown in lists."
        describedBy={[withNotice && 'twins']}
        after={(value) =>
          withNotice && value !== '' && <p id="twins">Also “{value}”.</p>
        }
      >
        {(props) => <Input {...props} autoComplete="off" />}
      </FormField>
      <button
        type="button"
        onClick={() =>
          setError('display_name', { type: 'server', message: 'Taken.' })
        }
      >
        Refuse
      </button>
    </>
  );
}

test('the label names the control and the hint describes it', () => {
  render(<Harness />);
  const input = screen.getByLabelText('Display name');
  expect(input).toHaveAttribute('autocomplete', 'off');
  expect(input).toHaveAttribute('aria-invalid', 'false');
  expect(input).toHaveAccessibleDescription('Shown in lists.');
});

test('typing goes through react-hook-form, and `after` sees the value', async () => {
  render(<Harness withNotice />);
  const input = screen.getByLabelText('Display name');
  await userEvent.type(input, 'apps');
  expect(input).toHaveValue('apps');
  expect(input).toHaveAccessibleDescription('Shown in lists. Also “apps”.');
});

test('an error marks the control invalid and is read after its other descriptions', async () => {
  render(<Harness withNotice />);
  const input = screen.getByLabelText('Display name');
  await userEvent.type(input, 'apps');
  await userEvent.click(screen.getByRole('button', { name: 'Refuse' }));
  expect(input).toHaveAttribute('aria-invalid', 'true');
  expect(input).toHaveAccessibleDescription(
    'Shown in lists. Also “apps”. Taken.',
  );
});
