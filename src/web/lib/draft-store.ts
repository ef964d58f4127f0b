import { z } from 'zod';
import { DRAFT_KEY_PREFIX, openSessionStorage } from './draft-keys.ts';

/** A draft as kept in storage: whose it is, when it was saved, its data. */
export type StoredDraft<T> = {
  /** Unique per draft; one editing session writes under one id. */
  id: string;
  /** The id of the user who typed it: it is offered to no one else. */
  owner: string;
  /** What the draft belongs to, e.g. one form of one record. */
  scope: string;
  /** Milliseconds since the epoch. */
  savedAt: number;
  data: T;
};

export type DraftStore<T> = {
  /**
   * The drafts of `scope` typed by `owner`, newest first. Drafts that are
   * unreadable or typed by anyone else (whatever their scope) are removed.
   */
  list: (scope: string, owner: string) => StoredDraft<T>[];
  /**
   * Writes (or rewrites) one draft, stamped now, then evicts the oldest
   * drafts beyond the limit, and any other user's. False when it was not
   * kept: too large, or no usable storage; an earlier version under the same
   * id then stays.
   */
  save: (draft: {
    id: string;
    scope: string;
    owner: string;
    data: T;
  }) => boolean;
  remove: (id: string) => void;
};

export type DraftStoreOptions<T> = {
  /** Parses the caller's data; a draft whose data it rejects is removed. */
  schema: z.ZodType<T>;
  /** Every key of this store starts with it. */
  prefix?: string;
  /** Across all scopes; the oldest are evicted first. */
  maxDrafts?: number;
  /** Upper bound on one stored draft, in UTF-16 code units of its JSON. */
  maxChars?: number;
  /** Where drafts live; undefined (or a throw) means there is nowhere. */
  storage?: () => Storage | undefined;
  now?: () => number;
};

export const DRAFT_LIMITS = { maxDrafts: 20, maxChars: 32_000 } as const;

// The envelope's own version: a change of layout makes old drafts unreadable,
// so they are dropped rather than misread. Version 1 had no owner: such a
// draft could belong to anyone, so it is never offered.
const ENVELOPE_VERSION = 2;
const envelopeSchema = z.object({
  version: z.literal(ENVELOPE_VERSION),
  id: z.string().min(1),
  owner: z.string().min(1),
  scope: z.string(),
  savedAt: z.number(),
  data: z.unknown(),
});

/**
 * Drafts of what a user typed, kept in (session) storage so a reload, a
 * crash or a failed save loses nothing. Each draft names the user who typed
 * it, and is offered to that user only: a browser can be shared. Everything
 * read back is parsed; storage that is missing, full or refuses access is
 * tolerated, never thrown. Creating a store touches no storage.
 */
export function createDraftStore<T>({
  schema,
  prefix = DRAFT_KEY_PREFIX,
  maxDrafts = DRAFT_LIMITS.maxDrafts,
  maxChars = DRAFT_LIMITS.maxChars,
  storage = openSessionStorage,
  now = Date.now,
}: DraftStoreOptions<T>): DraftStore<T> {
  function open(): Storage | undefined {
    try {
      return storage();
    } catch {
      // Access to sessionStorage itself can throw (blocked by the browser).
      return undefined;
    }
  }

  function drop(store: Storage, key: string) {
    try {
      store.removeItem(key);
    } catch {
      // Nothing more to do: it will be tried again on the next read.
    }
  }

  function parse(key: string, raw: string | null): StoredDraft<T> | undefined {
    if (raw === null) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return undefined;
    }
    const envelope = envelopeSchema.safeParse(json);
    if (!envelope.success || `${prefix}${envelope.data.id}` !== key) {
      return undefined;
    }
    const data = schema.safeParse(envelope.data.data);
    if (!data.success) return undefined;
    const { id, owner, scope, savedAt } = envelope.data;
    return { id, owner, scope, savedAt, data: data.data };
  }

  // This store's keys: a store of another form, under a longer prefix
  // (`lifeguard.draft.group-mapping.`), keeps drafts this schema would
  // refuse and must not lose them to it. Draft ids hold no dot.
  function isOwnKey(key: string | null): key is string {
    return (
      key !== null &&
      key.startsWith(prefix) &&
      !key.slice(prefix.length).includes('.')
    );
  }

  /** `owner`'s drafts; anyone else's are removed with the unreadable ones. */
  function readAll(store: Storage, owner: string): StoredDraft<T>[] {
    const keys: string[] = [];
    for (let index = 0; index < store.length; index += 1) {
      const key = store.key(index);
      if (isOwnKey(key)) keys.push(key);
    }
    const drafts: StoredDraft<T>[] = [];
    for (const key of keys) {
      const draft = parse(key, store.getItem(key));
      if (draft?.owner === owner) drafts.push(draft);
      else drop(store, key);
    }
    return drafts.sort((a, b) => b.savedAt - a.savedAt);
  }

  function write(store: Storage, key: string, text: string): boolean {
    try {
      store.setItem(key, text);
      return true;
    } catch {
      return false;
    }
  }

  return {
    list(scope, owner) {
      const store = open();
      if (!store) return [];
      return readAll(store, owner).filter((draft) => draft.scope === scope);
    },

    save({ id, scope, owner, data }) {
      const store = open();
      if (!store) return false;
      const text = JSON.stringify({
        version: ENVELOPE_VERSION,
        id,
        owner,
        scope,
        savedAt: now(),
        data,
      });
      if (text.length > maxChars) return false;
      const key = `${prefix}${id}`;
      if (!write(store, key, text)) {
        // Storage is full (it is shared with the rest of the origin): make
        // room by giving up the older half of the other drafts, once.
        const others = readAll(store, owner).filter((draft) => draft.id !== id);
        for (const draft of others.slice(Math.floor(others.length / 2))) {
          drop(store, `${prefix}${draft.id}`);
        }
        if (!write(store, key, text)) return false;
      }
      for (const draft of readAll(store, owner).slice(maxDrafts)) {
        drop(store, `${prefix}${draft.id}`);
      }
      return true;
    },

    remove(id) {
      const store = open();
      if (store) drop(store, `${prefix}${id}`);
    },
  };
}

/** A new draft id; not a secret, only unique within one tab's storage. */
export function newDraftId(): string {
  const [high = 0, low = 0] = crypto.getRandomValues(new Uint32Array(2));
  return `${Date.now().toString(36)}-${high.toString(36)}${low.toString(36)}`;
}
