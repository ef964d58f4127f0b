import { render, screen } from '@testing-library/react';
import { expect, test } from 'vitest';
import {
  Field,
  FieldDescription,
  FieldError,
  FieldLabel,
  fieldControlProps,
} from './field.tsx';
import { Input } from './input.tsx';

function Harness({ error, notice }: { error?: string; notice?: boolean }) {
  return (
    <Field controlId="claim">
      <FieldLabel>Identity claim</FieldLabel>
      <Input
        {...fieldControlProps('claim', {
          invalid: error !== undefined,
          hasHint: true,
          describedBy: [notice && 'claim-notice'],
        })}
      />
      <FieldDescription>Usually claims.sub.</FieldDescription>
      <FieldError>{error}</FieldError>
      {notice && <p id="claim-notice">Another pool uses it.</p>}
    </Field>
  );
}

test('the label names the control and the hint describes it, with no ids by hand', () => {
  render(<Harness />);
  const control = screen.getByLabelText('Identity claim');
  expect(control).toHaveAttribute('id', 'claim');
  expect(control).toHaveAttribute('aria-invalid', 'false');
  expect(control).toHaveAccessibleDescription('Usually claims.sub.');
});

test('an error is described after the hint and other notes, and marks the control invalid', () => {
  render(<Harness error="Write claims.<name>" notice />);
  const control = screen.getByLabelText('Identity claim');
  expect(control).toHaveAttribute('aria-invalid', 'true');
  expect(control).toHaveAccessibleDescription(
    'Usually claims.sub. Another pool uses it. Write claims.<name>',
  );
});

test('ids given by hand still win, so fields outside a form keep theirs', () => {
  render(
    <Field>
      <FieldLabel htmlFor="own">Search</FieldLabel>
      <Input id="own" aria-describedby="own-help" />
      <FieldDescription id="own-help">Any pool name.</FieldDescription>
    </Field>,
  );
  expect(screen.getByLabelText('Search')).toHaveAccessibleDescription(
    'Any pool name.',
  );
});
