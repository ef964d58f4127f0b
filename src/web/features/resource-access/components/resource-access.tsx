import {
  useId,
  useMemo,
  useState,
  type FormEvent,
  type ReactNode,
} from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { components } from '#contract/schema.d.ts';
import {
  describeScope,
  effectiveAccess,
  whoReaches,
  type AccessNames,
  type Reach,
  type ReachKind,
} from '#contract/effective-access.ts';
import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import { Alert } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Table, Td, Th } from '@/components/ui/table.tsx';
import {
  WalkControls,
  WalkProgressView,
} from '@/components/ui/walk-progress.tsx';
import { paths } from '@/config/paths.ts';
import {
  useOrgBindings,
  type OrgBindingSource,
  type RoleBinding,
} from '../api/use-org-bindings.ts';
import {
  missingPart,
  questionCrn,
  questionFromSearch,
  questionScope,
  questionSearch,
  RESOURCE_KINDS,
  type Question,
} from '../question.ts';
import { NativeSelect } from '@/components/ui/native-select.tsx';

type Environment = components['schemas']['Environment'];
type Cluster = components['schemas']['Cluster'];
type Pool = components['schemas']['IdentityPool'];

/** A pool of the organization, with the provider it belongs to. */
export type KnownPool = {
  pool: Pool;
  providerId: string;
  providerName: string;
};

/** The environments and clusters the pickers offer (the Access feature's `useDirectory`). */
export type Directory = {
  environments: readonly Environment[] | undefined;
  clusters: readonly Cluster[] | undefined;
  error: unknown;
  retry: () => void;
};

const REACH_LABELS: Readonly<Record<ReachKind, string>> = {
  exact: 'Exact: the binding names it',
  prefix: 'Prefix binding',
  cluster: 'Cluster scope',
  environment: 'Environment scope',
  organization: 'Organization scope',
  within: 'Within: only part of it',
};

const POOL_PRINCIPAL = /^User:(pool-[A-Za-z0-9]+)$/;

function QuestionForm({
  question,
  directory,
}: {
  question: Question;
  directory: Directory;
}) {
  const navigate = useNavigate();
  const [draft, setDraft] = useState(question);
  const [problem, setProblem] = useState<string>();
  const ids = {
    environment: useId(),
    kind: useId(),
    cluster: useId(),
    registry: useId(),
    name: useId(),
    prefix: useId(),
    problem: useId(),
  };
  const set = (change: Partial<Question>) => {
    setProblem(undefined);
    setDraft((current) => ({ ...current, ...change }));
  };
  const clusters = (directory.clusters ?? []).filter(
    (cluster) => cluster.spec.environment.id === draft.environment,
  );
  const one =
    RESOURCE_KINDS.find((kind) => kind.value === draft.kind)?.one ?? '';
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const missing = missingPart(draft);
    setProblem(missing);
    if (missing === undefined) {
      void navigate(paths.resourceAccess.getHref(questionSearch(draft)));
    }
  };
  return (
    <form
      onSubmit={onSubmit}
      aria-label="Resource"
      className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2"
      noValidate
    >
      <div className="grid gap-1">
        <label htmlFor={ids.environment} className="text-sm font-medium">
          Environment
        </label>
        <NativeSelect
          id={ids.environment}
          value={draft.environment}
          onChange={(event) =>
            set({ environment: event.target.value, cluster: '' })
          }
        >
          <option value="">
            {directory.environments ? 'Choose an environment' : 'Loading…'}
          </option>
          {(directory.environments ?? []).map((environment) => (
            <option key={environment.id} value={environment.id}>
              {environment.display_name} ({environment.id})
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="grid gap-1">
        <label htmlFor={ids.kind} className="text-sm font-medium">
          Resource type
        </label>
        <NativeSelect
          id={ids.kind}
          value={draft.kind}
          onChange={(event) =>
            set({ kind: event.target.value as Question['kind'] })
          }
        >
          {RESOURCE_KINDS.map((kind) => (
            <option key={kind.value} value={kind.value}>
              {kind.one}
            </option>
          ))}
        </NativeSelect>
      </div>
      {draft.kind === 'subject' ? (
        <div className="grid gap-1">
          <label htmlFor={ids.registry} className="text-sm font-medium">
            Schema Registry cluster id
          </label>
          <Input
            id={ids.registry}
            value={draft.registry}
            placeholder="lsrc-…"
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => set({ registry: event.target.value })}
          />
        </div>
      ) : (
        <div className="grid gap-1">
          <label htmlFor={ids.cluster} className="text-sm font-medium">
            Kafka cluster
          </label>
          <NativeSelect
            id={ids.cluster}
            value={draft.cluster}
            disabled={draft.environment === ''}
            onChange={(event) => set({ cluster: event.target.value })}
          >
            <option value="">Choose a cluster</option>
            {clusters.map((cluster) => (
              <option key={cluster.id} value={cluster.id}>
                {cluster.spec.display_name} ({cluster.id})
              </option>
            ))}
          </NativeSelect>
        </div>
      )}
      {draft.kind !== 'cluster' && (
        <div className="grid gap-1">
          <label htmlFor={ids.name} className="text-sm font-medium">
            {one} name
          </label>
          <Input
            id={ids.name}
            value={draft.name}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => set({ name: event.target.value })}
          />
          <div className="flex items-center gap-2">
            <input
              id={ids.prefix}
              type="checkbox"
              checked={draft.prefix}
              onChange={(event) => set({ prefix: event.target.checked })}
            />
            <label htmlFor={ids.prefix} className="text-sm">
              Prefix: every {one.toLowerCase()} whose name starts with this
            </label>
          </div>
        </div>
      )}
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <Button
          type="submit"
          aria-describedby={problem ? ids.problem : undefined}
        >
          Show who can reach it
        </Button>
        {problem && (
          <p id={ids.problem} role="alert" className="text-sm text-red-800">
            {problem}
          </p>
        )}
      </div>
    </form>
  );
}

function directoryNames(directory: Directory): AccessNames {
  const names = new Map<string, string>();
  for (const environment of directory.environments ?? []) {
    names.set(environment.id, environment.display_name);
  }
  for (const cluster of directory.clusters ?? []) {
    names.set(cluster.id, cluster.spec.display_name);
  }
  return names;
}

// Each reached binding's own scope in words, e.g. `topics "ingest.*" in
// cluster orders-prod (lkc-…)`; one pass over the answer, not the organization.
function bindingScopes(
  reaches: readonly Reach<RoleBinding>[],
  names: AccessNames,
) {
  const scopes = new Map<string, string>();
  const entries = effectiveAccess(
    reaches.map(({ binding }) => ({ poolId: binding.principal, binding })),
    names,
  );
  for (const entry of entries) {
    const text = describeScope(entry.scope, names);
    for (const id of entry.bindingIds) scopes.set(id, text);
  }
  return scopes;
}

function Code({ children }: { children: ReactNode }) {
  return (
    <code className="font-mono text-xs [overflow-wrap:anywhere]">
      {children}
    </code>
  );
}

function Answer({
  reaches,
  subject,
  names,
  pools,
}: {
  reaches: readonly Reach<RoleBinding>[];
  subject: string;
  names: AccessNames;
  pools: ReadonlyMap<string, KnownPool>;
}) {
  const scopes = useMemo(() => bindingScopes(reaches, names), [reaches, names]);
  const poolReaches = reaches.filter(({ binding }) =>
    POOL_PRINCIPAL.test(binding.principal),
  );
  const others = reaches.filter(
    ({ binding }) => !POOL_PRINCIPAL.test(binding.principal),
  );
  return (
    <>
      <section aria-labelledby="who-pools" className="grid gap-2">
        <h3 id="who-pools" className="font-semibold">
          Identity pools
        </h3>
        {poolReaches.length === 0 ? (
          <p className="text-slate-700">
            No identity pool’s bindings reach {subject}.
          </p>
        ) : (
          <Table>
            <caption className="sr-only">
              Pools that can reach {subject}
            </caption>
            <thead>
              <tr>
                <Th>Pool</Th>
                <Th>Role</Th>
                <Th>How it reaches</Th>
                <Th>Binding</Th>
                <Th>Filter</Th>
                <Th>Identity claim</Th>
              </tr>
            </thead>
            <tbody>
              {poolReaches.map(({ binding, kind }) => {
                const poolId = POOL_PRINCIPAL.exec(binding.principal)![1]!;
                const known = pools.get(poolId);
                return (
                  <tr key={binding.id}>
                    <Th scope="row">
                      {known ? (
                        <>
                          <Link
                            to={paths.pool.getHref(known.providerId, poolId)}
                            className="text-brand-700 hover:underline"
                          >
                            {known.pool.display_name}
                          </Link>
                          <span className="block text-xs font-normal text-slate-600">
                            {known.providerName} · {poolId}
                          </span>
                        </>
                      ) : (
                        <>
                          <Code>{poolId}</Code>
                          <span className="block text-xs font-normal text-slate-600">
                            Not among the pools loaded
                          </span>
                        </>
                      )}
                    </Th>
                    <Td>{binding.role_name}</Td>
                    <Td>{REACH_LABELS[kind]}</Td>
                    <Td>
                      {scopes.get(binding.id) ?? (
                        <Code>{binding.crn_pattern}</Code>
                      )}
                    </Td>
                    <Td>{known && <Code>{known.pool.filter}</Code>}</Td>
                    <Td>{known && <Code>{known.pool.identity_claim}</Code>}</Td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        )}
      </section>
      <section aria-labelledby="who-others" className="grid gap-2">
        <h3 id="who-others" className="font-semibold">
          Users and service accounts
        </h3>
        {others.length === 0 ? (
          <p className="text-slate-700">
            No other principal’s bindings reach {subject}.
          </p>
        ) : (
          <Table>
            <caption className="sr-only">
              Other principals that can reach {subject}
            </caption>
            <thead>
              <tr>
                <Th>Principal</Th>
                <Th>Role</Th>
                <Th>How it reaches</Th>
                <Th>Binding</Th>
              </tr>
            </thead>
            <tbody>
              {others.map(({ binding, kind }) => (
                <tr key={binding.id}>
                  <Th scope="row">
                    <Code>{binding.principal}</Code>
                  </Th>
                  <Td>{binding.role_name}</Td>
                  <Td>{REACH_LABELS[kind]}</Td>
                  <Td>
                    {scopes.get(binding.id) ?? (
                      <Code>{binding.crn_pattern}</Code>
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
    </>
  );
}

/**
 * Who can reach a resource: the question in the URL, the answer computed in
 * the browser from every binding of the organization (fetched once, then
 * indexed), with each pool's filter and identity claim beside it.
 */
export function ResourceAccess({
  source,
  directory,
  pools,
  poolsStatus,
}: {
  source: OrgBindingSource;
  directory: Directory;
  /** Every pool loaded so far, by id. */
  pools: ReadonlyMap<string, KnownPool>;
  /** How far the pools have loaded, shown above the answer. */
  poolsStatus: ReactNode;
}) {
  const [params] = useSearchParams();
  const search = params.toString();
  const question = useMemo(
    () => questionFromSearch(new URLSearchParams(search)),
    [search],
  );
  const org = useOrgBindings(source);
  const { organizationId, index, bindings } = org;
  const names = useMemo(
    () => directoryNames(directory),
    [directory.environments, directory.clusters], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const crn = organizationId && questionCrn(question, organizationId);
  const reaches = useMemo(
    () => (index && crn ? whoReaches(index, crn) : undefined),
    [index, crn],
  );
  const subject =
    organizationId && crn
      ? describeScope(questionScope(question, organizationId), names)
      : '';
  const walkState = bindings.isFetching
    ? 'fetching'
    : org.isStopped && !bindings.data
      ? 'cancelled'
      : 'done';
  return (
    <div className="grid gap-4">
      {directory.error != null && (
        <ApiErrorView error={directory.error} onRetry={directory.retry} />
      )}
      {/* The draft starts over from each question the URL holds (back, a link). */}
      <QuestionForm key={search} question={question} directory={directory} />

      <div className="grid gap-2 rounded-lg border border-slate-200 bg-white p-3">
        <div role="status" className="grid gap-2">
          {org.progress ? (
            <WalkProgressView
              progress={org.progress}
              noun="role bindings"
              hasBar
              budgetMessage="Waiting for the API budget to reset…"
            />
          ) : bindings.isFetching ? (
            <p className="text-sm text-slate-700">Fetching role bindings…</p>
          ) : bindings.data ? (
            <p className="text-sm text-slate-700">
              Loaded all {bindings.data.length} role bindings of the
              organization.
            </p>
          ) : org.isStopped ? (
            <p className="text-sm text-slate-700">
              Stopped before every role binding was fetched.
            </p>
          ) : null}
        </div>
        <div className="flex flex-wrap gap-2">
          <WalkControls
            state={walkState}
            onStop={org.stop}
            onRestart={org.fetchAgain}
          />
          {walkState === 'done' && bindings.data && (
            <Button variant="secondary" size="sm" onClick={org.fetchAgain}>
              Refresh role bindings
            </Button>
          )}
        </div>
        {poolsStatus}
      </div>

      {org.organization.error != null && (
        <ApiErrorView
          error={org.organization.error}
          onRetry={() => void org.organization.refetch()}
        />
      )}
      {bindings.error != null && !bindings.isFetching && (
        <ApiErrorView error={bindings.error} onRetry={org.fetchAgain} />
      )}

      {missingPart(question) !== undefined ? (
        <p className="text-slate-700">
          Choose an environment and a cluster, then a topic, consumer group,
          transactional id or subject (or a prefix), to see which pools can
          reach it.
        </p>
      ) : reaches ? (
        <>
          <h2 className="text-lg font-semibold">Who can reach {subject}</h2>
          <Answer
            reaches={reaches}
            subject={subject}
            names={names}
            pools={pools}
          />
        </>
      ) : (
        !bindings.error && (
          <Alert tone="info">
            The answer appears once every role binding is fetched.
          </Alert>
        )
      )}
    </div>
  );
}
