import { expect, test } from 'vitest';
import { readWholeList, type UpstreamReader } from './upstream-read.ts';

const POOLS = '/iam/v2/identity-providers/op-1/identity-pools';

/** Pages as the live service may send them: terse, `data` null or left out. */
function pagedReader(pages: Record<string, object>) {
  const asked: string[] = [];
  const read: UpstreamReader = async (path) => {
    asked.push(path);
    const token = new URL(path, 'http://x').searchParams.get('page_token');
    const body = pages[token ?? 'first'];
    return body ? { status: 200, body } : { status: 400, body: {} };
  };
  return { read, asked };
}

function next(token: string) {
  // Another host than the configured upstream: only its token is used.
  return `https://elsewhere.example${POOLS}?page_token=${token}`;
}

test('a list is walked by page_token to its end; null or missing data is an empty page', async () => {
  const { read, asked } = pagedReader({
    first: {
      kind: 'IdentityPoolList',
      metadata: { next: next('p2') },
      data: [{ id: 'pool-1' }],
    },
    p2: {
      kind: 'IdentityPoolList',
      metadata: { next: next('p3') },
      data: null,
    },
    p3: { kind: 'IdentityPoolList', metadata: {} },
  });
  expect(await readWholeList(read, POOLS, 'req-1')).toEqual({
    items: [{ id: 'pool-1' }],
    complete: true,
  });
  expect(asked).toEqual([
    `${POOLS}?page_size=100`,
    `${POOLS}?page_size=100&page_token=p2`,
    `${POOLS}?page_size=100&page_token=p3`,
  ]);
});

test('the walk stops at the page limit, or at a page it cannot read, and says it is incomplete', async () => {
  const endless = pagedReader({
    first: { metadata: { next: next('again') }, data: [{ id: 'pool-1' }] },
    again: { metadata: { next: next('again') }, data: [{ id: 'pool-2' }] },
  });
  const bounded = await readWholeList(endless.read, POOLS, 'req-1', 3);
  expect(bounded.complete).toBe(false);
  expect(endless.asked).toHaveLength(3);

  const broken = pagedReader({
    first: { metadata: { next: next('gone') }, data: [{ id: 'pool-1' }] },
  });
  expect(await readWholeList(broken.read, POOLS, 'req-1')).toEqual({
    items: [{ id: 'pool-1' }],
    complete: false,
  });
});
