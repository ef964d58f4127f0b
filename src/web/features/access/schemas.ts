import { z } from 'zod';
import {
  GRANTABLE_SCOPES,
  needsCluster,
  needsEnvironment,
  needsResource,
  type GrantValues,
} from './grant-target.ts';

const SCHEMA_REGISTRY_ID = /^lsrc-[A-Za-z0-9]+$/;

/**
 * The grant form's rules: what each scope needs before a CRN can be built.
 * Whether the role may be bound there is the catalogue's to say
 * (`grantRefusal`), and Confluent's answer decides.
 */
export const grantFormSchema = z
  .object({
    role: z.string().min(1, { error: 'Choose a role' }),
    scope: z.union([z.enum(GRANTABLE_SCOPES), z.literal('')]),
    environment: z.string(),
    cluster: z.string(),
    schemaRegistry: z.string(),
    name: z.string(),
    isPrefix: z.boolean(),
  })
  .superRefine((values, context) => {
    const problem = (path: keyof GrantValues, message: string) =>
      context.addIssue({ code: 'custom', path: [path], message });
    if (values.scope === '') {
      problem('scope', 'Choose what the role applies to');
      return;
    }
    if (needsEnvironment(values.scope) && values.environment === '') {
      problem('environment', 'Choose an environment');
    }
    if (needsCluster(values.scope) && values.cluster === '') {
      problem('cluster', 'Choose a Kafka cluster');
    }
    if (values.scope === 'subject') {
      const id = values.schemaRegistry.trim();
      if (id === '') {
        problem('schemaRegistry', 'Enter the Schema Registry cluster id');
      } else if (!SCHEMA_REGISTRY_ID.test(id)) {
        problem(
          'schemaRegistry',
          'A Schema Registry cluster id looks like lsrc-a1b2c',
        );
      }
    }
    if (
      needsResource(values.scope) &&
      !values.isPrefix &&
      values.name.trim() === ''
    ) {
      problem('name', 'Enter a name, or turn on Prefix for every name');
    }
  });

/** The form's fields, for `setServerErrors` (Confluent's pointers name none of them). */
export const GRANT_FORM_FIELDS: readonly (keyof GrantValues)[] = [
  'role',
  'scope',
  'environment',
  'cluster',
  'schemaRegistry',
  'name',
  'isPrefix',
];
