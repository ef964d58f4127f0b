import type { AccessNames } from '#contract/effective-access.ts';
import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type { components } from '#contract/schema.d.ts';
import { Button } from '@/components/ui/button.tsx';
import { Input } from '@/components/ui/input.tsx';
import { NativeSelect } from '@/components/ui/native-select.tsx';
import { paths } from '@/config/paths.ts';
import {
  missingPart,
  questionSearch,
  RESOURCE_KINDS,
  type Question,
} from '../question.ts';

type Environment = components['schemas']['Environment'];
type Cluster = components['schemas']['Cluster'];

/** The environments and clusters the pickers offer (what `useDirectory` returns). */
export type Directory = {
  environments: readonly Environment[] | undefined;
  clusters: readonly Cluster[] | undefined;
  /** Display names by id, to show beside ids. */
  names: AccessNames;
  error: unknown;
  retry: () => void;
};

/** The question's form: a draft of it, put in the URL on submit. */
export function QuestionForm({
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
