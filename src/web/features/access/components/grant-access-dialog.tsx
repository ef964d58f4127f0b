import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { findRole } from '#contract/role-catalogue.ts';
import { FormField } from '@/components/form/form-field.tsx';
import { setServerErrors } from '@/components/form/server-errors.ts';
import { Alert, AlertTitle } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogTrigger,
} from '@/components/ui/dialog.tsx';
import { Input } from '@/components/ui/input.tsx';
import { grantProblem } from '../access-errors.ts';
import type { Cluster, Environment } from '../api/access.ts';
import { useGrantAccess } from '../api/mutations.ts';
import {
  describePlace,
  describeTarget,
  named,
  RESOURCE_TYPE_LABELS,
  viewBinding,
} from '../binding-groups.ts';
import {
  clusterTakesScope,
  EMPTY_GRANT,
  GRANTABLE_ROLES,
  GRANTABLE_SCOPE_LABELS,
  grantableScopes,
  grantCrn,
  grantRefusal,
  isKafkaResourceScope,
  needsCluster,
  needsEnvironment,
  needsResource,
  roleOptionLabel,
  type GrantValues,
} from '../grant-target.ts';
import { NativeSelect } from '@/components/ui/native-select.tsx';
import { GRANT_FORM_FIELDS, grantFormSchema } from '../schemas.ts';
import { AccessProblemView } from './access-problem-view.tsx';
import type { AccessWording } from '../access-wording.ts';

/** A Basic cluster takes cluster-level roles only (docs/confluent-api.md §18.3). */
const BASIC_REASON =
  'Basic clusters take cluster-level roles only: Confluent has no role bindings on their topics, consumer groups or transactional ids.';

type GrantAccessProps = {
  /** The object whose bindings list a grant refreshes (`pool-…`, `group-…`). */
  objectId: string;
  principal: string;
  /** How to speak of the object and of who acts as it. */
  wording: AccessWording;
  organizationId: string;
  environments: readonly Environment[] | undefined;
  clusters: readonly Cluster[] | undefined;
  /** The grant went through: what to tell the user. */
  onGranted: (message: string) => void;
};

/** "Grant access": a dialog that binds one role to the pool. */
export function GrantAccessDialog(props: GrantAccessProps) {
  const [isOpen, setIsOpen] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  return (
    <Dialog
      open={isOpen}
      // Not while a grant is under way: closing would hide whether it happened.
      onOpenChange={(open) => !isBusy && setIsOpen(open)}
    >
      <DialogTrigger asChild>
        <Button>Grant access</Button>
      </DialogTrigger>
      <DialogContent
        size="lg"
        title="Grant access"
        description={
          <p>
            Binds one of Confluent Cloud’s predefined roles to{' '}
            <code className="font-mono text-xs break-all">
              {props.principal}
            </code>
            : {props.wording.holders} may then do what the role allows, where it
            applies.
          </p>
        }
      >
        <GrantForm
          {...props}
          onBusy={setIsBusy}
          onGranted={(message) => {
            setIsOpen(false);
            props.onGranted(message);
          }}
        />
      </DialogContent>
    </Dialog>
  );
}

function GrantForm({
  objectId,
  principal,
  wording,
  organizationId,
  environments,
  clusters,
  onGranted,
  onBusy,
}: GrantAccessProps & { onBusy: (busy: boolean) => void }) {
  const form = useForm<GrantValues>({
    resolver: zodResolver(grantFormSchema),
    defaultValues: EMPTY_GRANT,
    mode: 'onTouched',
  });
  const { control, register, setValue, getValues, setError } = form;
  const grant = useGrantAccess(objectId);
  const [refusal, setRefusal] = useState<string>();
  const [submitError, setSubmitError] = useState<unknown>();
  const previewId = useId();
  const prefixId = useId();
  const basicId = useId();

  const values = useWatch({ control }) as GrantValues;
  const role = findRole(values.role);
  const scopes = grantableScopes(role);
  const environmentClusters = (clusters ?? []).filter(
    (cluster) => cluster.spec.environment.id === values.environment,
  );
  const chosenCluster = environmentClusters.find(
    (cluster) => cluster.id === values.cluster,
  );
  const kafkaScope = isKafkaResourceScope(values.scope);
  const hasBasic =
    kafkaScope &&
    environmentClusters.some(
      (cluster) => !clusterTakesScope(cluster.spec.config.kind, values.scope),
    );
  const built = grantCrn(values, organizationId);
  const resourceLabel =
    values.scope !== '' && needsResource(values.scope)
      ? RESOURCE_TYPE_LABELS[values.scope as keyof typeof RESOURCE_TYPE_LABELS]
      : undefined;
  const isPending = grant.isPending;

  const submit = form.handleSubmit(async (submitted) => {
    setRefusal(undefined);
    setSubmitError(undefined);
    const target = grantCrn(submitted, organizationId);
    if ('missing' in target) {
      setRefusal(target.missing);
      return;
    }
    const kind = clusters?.find((each) => each.id === submitted.cluster)?.spec
      .config.kind;
    const refused = grantRefusal(submitted.role, target.crn, kind);
    if (refused) {
      setRefusal(refused);
      return;
    }
    onBusy(true);
    try {
      const binding = await grant.mutateAsync({
        principal,
        role_name: submitted.role,
        crn_pattern: target.crn,
      });
      const view = viewBinding(binding);
      onGranted(
        `Granted ${submitted.role} on ${describeTarget(view)} ${describePlace(view, { environments, clusters })}. Confluent may take a minute or two to apply it: until then, ${wording.holders} may still be refused.`,
      );
    } catch (caught) {
      setServerErrors(setError, caught, GRANT_FORM_FIELDS);
      setSubmitError(caught);
    } finally {
      onBusy(false);
    }
  });

  return (
    <form
      noValidate
      onSubmit={(event) => void submit(event)}
      aria-busy={isPending}
      className="grid gap-4"
    >
      <FormField
        control={control}
        name="role"
        label="Role"
        hint={
          role
            ? role.summary
            : 'Confluent Cloud’s predefined roles, each with the scopes it binds at. Roles that bind only to service accounts are granted in Confluent Cloud.'
        }
      >
        {({ onChange, ...field }) => (
          <NativeSelect
            {...field}
            onChange={(event) => {
              onChange(event);
              const next = grantableScopes(findRole(event.target.value));
              const scope = getValues('scope');
              if (scope === '' || !next.includes(scope)) {
                setValue('scope', next[0] ?? '', { shouldValidate: false });
              }
            }}
          >
            <option value="">Choose a role…</option>
            {GRANTABLE_ROLES.map((each) => (
              <option key={each.name} value={each.name}>
                {roleOptionLabel(each)}
              </option>
            ))}
          </NativeSelect>
        )}
      </FormField>

      <FormField
        control={control}
        name="scope"
        label="Applies to"
        hint={role ? undefined : 'Choose a role first.'}
      >
        {(field) => (
          <NativeSelect {...field} disabled={!role}>
            {scopes.length === 0 && <option value="">—</option>}
            {scopes.map((scope) => (
              <option key={scope} value={scope}>
                {GRANTABLE_SCOPE_LABELS[scope]}
              </option>
            ))}
          </NativeSelect>
        )}
      </FormField>

      {needsEnvironment(values.scope) && (
        <FormField
          control={control}
          name="environment"
          label="Environment"
          hint={environments ? undefined : 'Loading the environments…'}
        >
          {({ onChange, ...field }) => (
            <NativeSelect
              {...field}
              disabled={!environments}
              onChange={(event) => {
                onChange(event);
                setValue('cluster', '');
              }}
            >
              <option value="">Choose an environment…</option>
              {environments?.map((environment) => (
                <option key={environment.id} value={environment.id}>
                  {named(environment.id, environment.display_name)}
                </option>
              ))}
            </NativeSelect>
          )}
        </FormField>
      )}

      {needsCluster(values.scope) && (
        <FormField
          control={control}
          name="cluster"
          label="Kafka cluster"
          hint={
            values.environment === ''
              ? 'Choose an environment first.'
              : environmentClusters.length === 0
                ? 'This environment has no Kafka clusters.'
                : undefined
          }
          describedBy={[hasBasic && basicId]}
        >
          {(field) => (
            <NativeSelect {...field} disabled={values.environment === ''}>
              <option value="">Choose a cluster…</option>
              {environmentClusters.map((cluster) => {
                const takes = clusterTakesScope(
                  cluster.spec.config.kind,
                  values.scope,
                );
                return (
                  <option
                    key={cluster.id}
                    value={cluster.id}
                    // A Basic cluster stays listed, so its absence is explained.
                    disabled={!takes}
                  >
                    {`${named(cluster.id, cluster.spec.display_name)} · ${cluster.spec.config.kind}${takes ? '' : ' (cluster-level roles only)'}`}
                  </option>
                );
              })}
            </NativeSelect>
          )}
        </FormField>
      )}
      {hasBasic && (
        <p id={basicId} className="-mt-2 text-sm text-slate-600">
          {BASIC_REASON}
        </p>
      )}
      {chosenCluster &&
        !clusterTakesScope(chosenCluster.spec.config.kind, values.scope) && (
          <p className="-mt-2 text-sm text-red-700">
            {chosenCluster.spec.display_name} is a Basic cluster. {BASIC_REASON}
          </p>
        )}

      {values.scope === 'subject' && (
        <FormField
          control={control}
          name="schemaRegistry"
          label="Schema Registry cluster id"
          hint="The environment’s Schema Registry (lsrc-…), shown on its page in Confluent Cloud; Lifeguard cannot list them."
        >
          {(field) => (
            <Input
              {...field}
              autoComplete="off"
              spellCheck={false}
              placeholder="lsrc-…"
            />
          )}
        </FormField>
      )}

      {resourceLabel && (
        <>
          <FormField
            control={control}
            name="name"
            label={`${resourceLabel.one} name`}
            hint={
              values.isPrefix
                ? `Every ${resourceLabel.one.toLowerCase()} whose name starts with this; empty for every ${resourceLabel.one.toLowerCase()}.`
                : `One ${resourceLabel.one.toLowerCase()}, by its exact name.`
            }
          >
            {(field) => (
              <Input {...field} autoComplete="off" spellCheck={false} />
            )}
          </FormField>
          <div className="-mt-1 flex items-center gap-2">
            <input
              id={prefixId}
              type="checkbox"
              role="switch"
              className="size-4 accent-brand-700"
              {...register('isPrefix', {
                onChange: () => void form.trigger('name'),
              })}
            />
            <label htmlFor={prefixId} className="text-sm font-medium">
              Prefix: every {resourceLabel.one.toLowerCase()} whose name starts
              with the name
            </label>
          </div>
        </>
      )}

      <figure
        aria-labelledby={previewId}
        className="grid gap-1 rounded-md border border-slate-200 bg-slate-50 p-3"
      >
        <figcaption id={previewId} className="text-sm font-medium">
          CRN that will be sent
        </figcaption>
        {'crn' in built ? (
          <code className="font-mono text-xs break-all">{built.crn}</code>
        ) : (
          <p className="text-sm text-slate-600">{built.missing}</p>
        )}
        <p className="text-xs text-slate-600">
          Principal <code className="font-mono">{principal}</code>
        </p>
      </figure>

      {refusal && (
        <Alert>
          <AlertTitle>Confluent would refuse this grant</AlertTitle>
          <p className="[overflow-wrap:anywhere]">{refusal}</p>
          <p className="mt-2">
            Nothing was sent. Change the role or where it applies.
          </p>
        </Alert>
      )}
      {submitError != null && (
        <AccessProblemView
          error={submitError}
          problem={grantProblem(submitError, wording.noun)}
        />
      )}

      <div className="flex flex-wrap justify-end gap-2 border-t border-slate-100 pt-4">
        <DialogClose asChild>
          <Button variant="secondary" disabled={isPending}>
            Cancel
          </Button>
        </DialogClose>
        <Button type="submit" pending={isPending} pendingLabel="Granting…">
          Grant
        </Button>
      </div>
    </form>
  );
}
