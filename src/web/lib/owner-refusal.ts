import { ApiError } from '@/lib/errors.ts';

/** The query parameter that carries a new pool's owner. */
export const OWNER_PARAMETER = 'assigned_resource_owner';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function nonBlank(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value : undefined;
}

// The Failure item that names the parameter (`source.parameter`), as the
// emulator and Lifeguard's server write it.
function parameterItemMessage(body: Record<string, unknown>) {
  if (!Array.isArray(body.errors)) return undefined;
  for (const item of body.errors as unknown[]) {
    if (!isRecord(item) || !isRecord(item.source)) continue;
    if (item.source.parameter !== OWNER_PARAMETER) continue;
    return nonBlank(item.detail) ?? nonBlank(item.title) ?? 'not accepted';
  }
  return undefined;
}

/**
 * Why a pool create was refused because of its owner, for the Owner field,
 * or `undefined` when the refusal is about something else. A 400 is about
 * the owner when an error item's `source.parameter` names
 * `assigned_resource_owner` or, in the `{error_code, message}` shape whose
 * wording for this case was never recorded, when its message does.
 */
export function ownerRefusalOf(caught: unknown): string | undefined {
  if (!(caught instanceof ApiError) || caught.status !== 400) return undefined;
  const { body } = caught;
  if (!isRecord(body)) return undefined;
  const detail =
    parameterItemMessage(body) ??
    (nonBlank(body.message)?.includes(OWNER_PARAMETER)
      ? nonBlank(body.message)
      : undefined);
  return detail === undefined
    ? undefined
    : `Confluent did not accept this owner: ${detail.replace(/\.\s*$/, '')}. Choose another user, or no owner; everything else you typed is kept.`;
}

/**
 * Runs a create form's save and puts an owner refusal on the Owner field:
 * the owner is a query parameter, so its refusal names no body field
 * (`source.parameter`, not `pointer`) and ResourceForm would only show it at
 * the top. Anything else, or other fields refused beside it, is rethrown
 * for ResourceForm to explain.
 */
export async function withOwnerRefusalOnField(
  save: () => Promise<void>,
  setError: (
    name: typeof OWNER_PARAMETER,
    error: { type: string; message: string },
    options: { shouldFocus: boolean },
  ) => void,
): Promise<void> {
  try {
    await save();
  } catch (caught) {
    const ownerRefusal = ownerRefusalOf(caught);
    if (ownerRefusal !== undefined) {
      setError(
        OWNER_PARAMETER,
        { type: 'server', message: ownerRefusal },
        { shouldFocus: true },
      );
      const others = caught instanceof ApiError ? caught.fieldErrors : {};
      if (Object.keys(others).length === 0) return;
    }
    throw caught;
  }
}
