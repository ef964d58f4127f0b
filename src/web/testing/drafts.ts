import type { PoolDraft } from '@/features/pools/drafts.ts';
import { DRAFT_KEY_PREFIX } from '@/lib/draft-keys.ts';

/**
 * The pool-form drafts in the tab's storage, read as stored (the envelope
 * with its version), not through the draft store: what a reload would find.
 */
export function storedPoolDrafts() {
  return Object.keys(sessionStorage)
    .filter((key) => key.startsWith(DRAFT_KEY_PREFIX))
    .map(
      (key) =>
        JSON.parse(sessionStorage.getItem(key)!) as PoolDraft & {
          version: number;
        },
    );
}
