import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { expect, test } from 'vitest';
import type { FilterDialect } from '#filter/dialect.ts';
import { FilterModeSwitch } from './filter-mode.tsx';

function Harness({
  initial,
  dialect,
}: {
  initial: string;
  dialect?: FilterDialect;
}) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <FilterModeSwitch
        value={value}
        onChange={setValue}
        dialect={dialect}
        claimSuggestions={['ext.uid']}
        renderTextEditor={() => (
          <textarea
            aria-label="Filter"
            value={value}
            onChange={(event) => setValue(event.target.value)}
          />
        )}
      />
      <output aria-label="Value">{value}</output>
      <button
        type="button"
        onClick={() => setValue('claims.iss == "https://idp.example.com"')}
      >
        Reset from outside
      </button>
      <button type="button" onClick={() => setValue('claims.iss=="x"')}>
        Load unformatted
      </button>
    </>
  );
}

function setup(initial = '', dialect?: FilterDialect) {
  const user = userEvent.setup();
  render(<Harness initial={initial} dialect={dialect} />);
  return { user };
}

function currentValue() {
  return screen.getByRole('status', { name: 'Value' }).textContent;
}

function modeButton(name: 'Text' | 'Builder') {
  return screen.getByRole('button', { name });
}

async function choose(
  user: ReturnType<typeof userEvent.setup>,
  combobox: string,
  option: string,
) {
  await user.click(screen.getByRole('combobox', { name: combobox }));
  await user.click(await screen.findByRole('option', { name: option }));
}

test('the switch is a labelled pair of toggle buttons, Text first', () => {
  setup('claims.aud == "kafka"');
  expect(
    screen.getByRole('group', { name: 'Filter editing mode' }),
  ).toBeInTheDocument();
  expect(modeButton('Text')).toHaveAttribute('aria-pressed', 'true');
  expect(modeButton('Builder')).toHaveAttribute('aria-pressed', 'false');
  expect(screen.getByRole('textbox', { name: 'Filter' })).toBeInTheDocument();
});

test('an empty filter opens an empty builder and is built from scratch', async () => {
  const { user } = setup('');
  await user.click(modeButton('Builder'));
  expect(modeButton('Builder')).toHaveAttribute('aria-pressed', 'true');
  expect(screen.queryByRole('textbox', { name: 'Filter' })).toBeNull();
  // Opening the builder alone writes nothing.
  expect(currentValue()).toBe('');

  await user.type(screen.getByLabelText('Claim, condition 1'), 'aud');
  await user.type(screen.getByLabelText('Value, condition 1'), 'kafka');
  await user.click(screen.getByRole('button', { name: 'Add condition' }));
  await user.type(screen.getByLabelText('Claim, condition 2'), 'sub');
  await choose(user, 'Operator, condition 2', 'starts with');
  await user.type(screen.getByLabelText('Value, condition 2'), 'svc-');
  expect(currentValue()).toBe(
    'claims.aud == "kafka" && claims.sub.startsWith("svc-")',
  );

  await user.click(modeButton('Text'));
  expect(screen.getByRole('textbox', { name: 'Filter' })).toHaveValue(
    'claims.aud == "kafka" && claims.sub.startsWith("svc-")',
  );
});

test('a canonical filter opens in the builder, and editing a value rewrites the text', async () => {
  const { user } = setup(
    'claims.aud == "kafka" && claims.sub.startsWith("svc-")',
  );
  await user.click(modeButton('Builder'));
  expect(screen.queryByRole('alert')).toBeNull();
  const value = screen.getByLabelText('Value, condition 2');
  expect(value).toHaveValue('svc-');
  await user.type(value, 'orders-');
  expect(currentValue()).toBe(
    'claims.aud == "kafka" && claims.sub.startsWith("svc-orders-")',
  );
  await choose(user, 'Match', 'any condition');
  expect(currentValue()).toBe(
    'claims.aud == "kafka" || claims.sub.startsWith("svc-orders-")',
  );
});

test('partially filled rows survive while their text is incomplete', async () => {
  const { user } = setup('claims.aud == "kafka"');
  await user.click(modeButton('Builder'));
  await user.click(screen.getByRole('button', { name: 'Add condition' }));
  await user.type(screen.getByLabelText('Claim, condition 2'), 'sub');
  expect(screen.getByLabelText('Claim, condition 2')).toHaveValue('sub');
  expect(screen.getByLabelText('Value, condition 2')).toHaveValue('');
  expect(currentValue()).toBe('claims.aud == "kafka" && claims.sub == ""');
});

test('a filter the builder cannot show stays in text with the reason', async () => {
  const { user } = setup('claims.sub == claims.aud');
  await user.click(modeButton('Builder'));
  expect(screen.getByRole('alert')).toHaveTextContent(
    'This filter can’t be shown in the builder: Comparing two claims (claims.sub == claims.aud) has no builder row. Keep editing it as text.',
  );
  expect(modeButton('Text')).toHaveAttribute('aria-pressed', 'true');
  expect(screen.getByRole('textbox', { name: 'Filter' })).toHaveValue(
    'claims.sub == claims.aud',
  );
  expect(currentValue()).toBe('claims.sub == claims.aud');

  // The reason is about that text; editing it ends the alert.
  await user.type(screen.getByRole('textbox', { name: 'Filter' }), ' ');
  expect(screen.queryByRole('alert')).toBeNull();
});

test('a filter the builder would reformat asks first; Keep text changes nothing', async () => {
  const { user } = setup("claims.aud=='kafka'");
  await user.click(modeButton('Builder'));
  const notice = screen.getByRole('alert');
  expect(notice).toHaveTextContent(
    'Switching will reformat your filter as:claims.aud == "kafka"',
  );
  expect(modeButton('Builder')).toHaveAttribute('aria-pressed', 'false');
  await user.click(screen.getByRole('button', { name: 'Keep text' }));
  expect(screen.queryByRole('alert')).toBeNull();
  expect(currentValue()).toBe("claims.aud=='kafka'");
  expect(screen.getByRole('textbox', { name: 'Filter' })).toHaveValue(
    "claims.aud=='kafka'",
  );
  expect(modeButton('Builder')).toHaveFocus();
});

test('Switch and reformat writes the canonical text and opens the builder', async () => {
  const { user } = setup("claims.aud=='kafka'");
  await user.click(modeButton('Builder'));
  await user.click(screen.getByRole('button', { name: 'Switch and reformat' }));
  expect(currentValue()).toBe('claims.aud == "kafka"');
  expect(modeButton('Builder')).toHaveAttribute('aria-pressed', 'true');
  expect(screen.getByLabelText('Value, condition 1')).toHaveValue('kafka');
});

test('a change from outside while in the builder re-reads the model', async () => {
  const { user } = setup('claims.aud == "kafka"');
  await user.click(modeButton('Builder'));
  await user.click(screen.getByRole('button', { name: 'Reset from outside' }));
  expect(modeButton('Builder')).toHaveAttribute('aria-pressed', 'true');
  expect(screen.getByLabelText('Claim, condition 1')).toHaveValue('iss');
  expect(screen.getByLabelText('Value, condition 1')).toHaveValue(
    'https://idp.example.com',
  );

  // Text the builder would reformat goes back to text mode and asks first.
  await user.click(screen.getByRole('button', { name: 'Load unformatted' }));
  expect(modeButton('Text')).toHaveAttribute('aria-pressed', 'true');
  expect(screen.getByRole('alert')).toHaveTextContent(
    'Switching will reformat your filter as:claims.iss == "x"',
  );
  expect(currentValue()).toBe('claims.iss=="x"');
});

test('a group-mapping filter opens in its builder and is edited there', async () => {
  const { user } = setup(
    '"kafka" in groups && "all" in groups || "everyone" in groups',
    'group-mapping',
  );
  await user.click(modeButton('Builder'));
  expect(screen.queryByRole('alert')).toBeNull();
  expect(screen.getByLabelText('Group, condition 2')).toHaveValue('everyone');
  await user.clear(screen.getByLabelText('Group, condition 2'));
  await user.type(screen.getByLabelText('Group, condition 2'), 'ops');
  expect(currentValue()).toBe(
    '"kafka" in groups && "all" in groups || "ops" in groups',
  );
});

test('the builder refuses what a dialect does not allow, in its words', async () => {
  const { user } = setup('claims.group == "a"', 'group-mapping');
  await user.click(modeButton('Builder'));
  expect(screen.getByRole('alert')).toHaveTextContent(
    'This filter can’t be shown in the builder: Group mapping filters use groups, not claims',
  );
  expect(modeButton('Text')).toHaveAttribute('aria-pressed', 'true');
});

test('Confluent’s single-quoted certificate filter is reformatted before the builder shows it', async () => {
  const { user } = setup("C=='Canada' && O=='Confluent'", 'certificate-pool');
  await user.click(modeButton('Builder'));
  expect(screen.getByRole('alert')).toHaveTextContent(
    'C == "Canada" && O == "Confluent"',
  );
  await user.click(screen.getByRole('button', { name: 'Switch and reformat' }));
  expect(currentValue()).toBe('C == "Canada" && O == "Confluent"');
  expect(
    screen.getByRole('combobox', { name: 'Attribute, condition 2' }),
  ).toHaveTextContent('O (organization)');
});
