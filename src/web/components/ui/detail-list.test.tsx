import { render, screen } from '@testing-library/react';
import { expect, test } from 'vitest';
import { DetailList, metadataItems, nameItems } from './detail-list.tsx';

function rows() {
  return screen
    .getAllByRole('term')
    .map((term) => [term.textContent, term.nextElementSibling?.textContent]);
}

test('each item is a term and its description, in order', () => {
  render(
    <DetailList
      items={[
        { term: 'State', description: 'ENABLED' },
        { term: 'Filter', description: <pre>true</pre> },
      ]}
    />,
  );
  expect(rows()).toEqual([
    ['State', 'ENABLED'],
    ['Filter', 'true'],
  ]);
});

test('an empty description says so in its own words, when given some', () => {
  render(
    <DetailList
      items={[
        { term: 'Description', description: '', empty: 'No description' },
        { term: 'Identity claim', description: undefined, empty: 'Not set' },
        { term: 'State', description: '' },
      ]}
    />,
  );
  expect(rows()).toEqual([
    ['Description', 'No description'],
    ['Identity claim', 'Not set'],
    ['State', ''],
  ]);
});

test('a named object starts with its name, a copyable id and its description, and ends with its metadata', () => {
  render(
    <DetailList
      items={[
        ...nameItems({ display_name: 'Apps', id: 'pool-1' }, 'pool id'),
        ...metadataItems({ resource_name: 'crn://pool-1' }),
      ]}
    />,
  );
  expect(rows()).toEqual([
    ['Display name', 'Apps'],
    // The id, then its copy button.
    ['ID', expect.stringMatching(/^pool-1/)],
    ['Description', 'No description'],
    ['Resource name', 'crn://pool-1'],
    ['Created', '—'],
    ['Last updated', '—'],
  ]);
  expect(
    screen.getByRole('button', { name: 'Copy pool id' }),
  ).toBeInTheDocument();
});
