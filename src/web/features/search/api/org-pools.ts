import type { QueryKey } from '@tanstack/react-query';
import type { components } from '#contract/schema.d.ts';
import { walkPages, type PacedWalkOptions } from '@/lib/paced-walk.ts';

export type Provider = components['schemas']['IdentityProvider'];
export type ProviderList = components['schemas']['IdentityProviderList'];
export type Pool = components['schemas']['IdentityPool'];
export type GroupMapping = components['schemas']['GroupMapping'];
export type CertificateAuthority =
  components['schemas']['CertificateAuthority'];
export type CertificatePool = components['schemas']['CertificateIdentityPool'];

/** How a walk of every page is run: the options `walkPages` takes. */
export type WalkOptions = Pick<
  PacedWalkOptions,
  'signal' | 'onProgress' | 'paceFirstPage'
>;

/**
 * The SSO group mappings, from the group-mappings feature: its lists' key
 * (the search keeps its copy beneath it, so a mapping write that refreshes
 * those lists refreshes the search) and its paced walk of every mapping.
 */
export type GroupMappingSource = {
  listsKey: QueryKey;
  listAll: (options: WalkOptions) => Promise<GroupMapping[]>;
};

/**
 * The certificate authorities and their pools, from the certificates
 * feature: the lists' keys and the paced walks of every authority and of
 * one authority's every pool.
 */
export type CertificateSource = {
  authorityListsKey: QueryKey;
  listAllAuthorities: (options: WalkOptions) => Promise<CertificateAuthority[]>;
  poolListsKey: (authorityId: string) => QueryKey;
  listAllPools: (
    authorityId: string,
    options: WalkOptions,
  ) => Promise<CertificatePool[]>;
};

/**
 * What the search reads the organisation with. Features do not import each
 * other, so the route module hands in the providers' fetcher and the pools'
 * paced walker, and the list keys the search keeps its copies under: writes
 * that invalidate those lists then refresh the search as well.
 */
export type OrgPoolSource = {
  providerListsKey: QueryKey;
  listProviders: (
    params: { pageSize: number; pageToken?: string },
    signal?: AbortSignal,
  ) => Promise<ProviderList>;
  poolListsKey: (providerId: string) => QueryKey;
  /** Every pool of a provider, walked with {@link walkPages}. */
  listAllPools: (providerId: string, options: WalkOptions) => Promise<Pool[]>;
  /** With it, the search covers the SSO group mappings too. */
  groupMappings?: GroupMappingSource;
  /** With it, the search covers every authority's certificate pools too. */
  certificates?: CertificateSource;
};

/** Every provider of the organisation, following the list's pages. */
export function listEveryProvider(
  source: Pick<OrgPoolSource, 'listProviders'>,
  signal: AbortSignal,
): Promise<Provider[]> {
  // Its query retries, and shows the countdown while it waits to.
  return walkPages(source.listProviders, { signal, retry: false });
}

/** Runs tasks one at a time, in the order they were queued. */
export type SerialQueue = {
  /**
   * Runs `task` once every task queued before it has settled. Aborting
   * `signal` while it waits rejects with the abort reason and gives up its
   * turn; once running, the task is expected to watch `signal` itself.
   */
  run: <T>(task: () => Promise<T>, signal: AbortSignal) => Promise<T>;
};

export function createSerialQueue(): SerialQueue {
  let tail: Promise<void> = Promise.resolve();
  return {
    run<T>(task: () => Promise<T>, signal: AbortSignal): Promise<T> {
      const previous = tail;
      let release = () => {};
      const finished = new Promise<void>((resolve) => {
        release = resolve;
      });
      // The next task waits for this one and, through it, for every earlier one.
      tail = previous.then(() => finished);
      return new Promise<T>((resolve, reject) => {
        const onAbort = () => {
          release();
          reject(signal.reason);
        };
        if (signal.aborted) return onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        void previous.then(async () => {
          signal.removeEventListener('abort', onAbort);
          if (signal.aborted) return;
          try {
            resolve(await task());
          } catch (error) {
            reject(error);
          } finally {
            release();
          }
        });
      });
    },
  };
}
