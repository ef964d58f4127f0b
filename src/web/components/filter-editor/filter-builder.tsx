import {
  Fragment,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type FocusEvent,
  type ReactNode,
} from 'react';
import {
  builderOperators,
  builderValueKind,
  emptyCondition,
  validateBuilder,
  type BuilderCondition,
  type BuilderGroup,
  type BuilderItem,
  type BuilderOperator,
  type BuilderProblem,
} from '#filter/builder.ts';
import {
  CERTIFICATE_ATTRIBUTE_NAMES,
  CERTIFICATE_ATTRIBUTES,
  DEFAULT_DIALECT,
  type FilterDialect,
} from '#filter/dialect.ts';
import { REGISTERED_CLAIMS } from '#filter/templates.ts';
import { Button } from '@/components/ui/button.tsx';
import { Input, Textarea } from '@/components/ui/input.tsx';
import { Select } from '@/components/ui/select.tsx';
import { cn } from '@/lib/cn.ts';

const OPERATOR_LABELS: Record<BuilderOperator, string> = {
  equals: 'equals',
  'not-equals': 'does not equal',
  in: 'is one of',
  'not-in': 'is not one of',
  'contains-value': 'contains value (list claim)',
  'not-contains-value': 'does not contain value',
  'starts-with': 'starts with',
  'not-starts-with': 'does not start with',
  'ends-with': 'ends with',
  'not-ends-with': 'does not end with',
  contains: 'contains text',
  'not-contains': 'does not contain text',
  present: 'is present',
  absent: 'is absent',
};

// A group-mapping row reads "the user is a member of group X".
const GROUP_MAPPING_LABELS: Partial<Record<BuilderOperator, string>> = {
  'contains-value': 'is a member of',
  'not-contains-value': 'is not a member of',
};

function operatorOptions(dialect: FilterDialect) {
  const labels =
    dialect === 'group-mapping'
      ? { ...OPERATOR_LABELS, ...GROUP_MAPPING_LABELS }
      : OPERATOR_LABELS;
  return builderOperators(dialect).map((operator) => ({
    value: operator,
    label: labels[operator],
  }));
}

// With its name in words, so a person who knows `organizationalUnitName`
// finds OU.
const ATTRIBUTE_OPTIONS = CERTIFICATE_ATTRIBUTES.map((attribute) => ({
  value: attribute,
  label: `${attribute} (${CERTIFICATE_ATTRIBUTE_NAMES[attribute]})`,
}));

const EMPTY_BUILDER_NOTE: Record<FilterDialect, string> = {
  'identity-pool': 'every token from this identity provider matches',
  'group-mapping': 'every SSO user of the organisation is mapped',
  'certificate-pool':
    'every certificate this certificate authority issued matches',
};

const JOIN_OPTIONS = [
  { value: 'all', label: 'all conditions' },
  { value: 'any', label: 'any condition' },
];

const JOIN_WORD = { all: 'and', any: 'or' } as const;

type Path = readonly number[];

/** What the rows below the top group need from the builder. */
type BuilderContext = {
  dialect: FilterDialect;
  datalistId: string;
  /** The DOM id of one control, so focus can be sent to it after a change. */
  idFor: (part: 'item' | 'value' | 'add' | 'problems', path: Path) => string;
  problemsAt: (path: Path) => string[];
  setJoin: (path: Path, join: BuilderGroup['join']) => void;
  setCondition: (path: Path, condition: BuilderCondition) => void;
  addCondition: (path: Path) => void;
  addGroup: (path: Path) => void;
  remove: (path: Path) => void;
};

/**
 * A guided editor of a filter's builder model. Controlled: every change goes
 * through `onChange`, and the caller decides what to do with the text.
 */
export function FilterBuilder({
  model,
  onChange,
  dialect = DEFAULT_DIALECT,
  claimSuggestions,
  className,
}: {
  model: BuilderGroup;
  onChange: (model: BuilderGroup) => void;
  /** Which object the filter guards; decides the rows' controls. */
  dialect?: FilterDialect;
  /** Identity pools only: claim names to suggest. */
  claimSuggestions?: string[];
  className?: string;
}) {
  const baseId = useId();
  const datalistId = `${baseId}-claims`;
  const rootRef = useRef<HTMLDivElement>(null);
  // Adding or removing a row moves focus to where a keyboard user expects it;
  // the element only exists once the caller has rendered the new model.
  const pendingFocus = useRef<string | null>(null);

  const suggestions = useMemo(
    () => [...new Set([...(claimSuggestions ?? []), ...REGISTERED_CLAIMS])],
    [claimSuggestions],
  );
  const problems = useMemo(
    () => problemsByPath(validateBuilder(model, dialect)),
    [model, dialect],
  );

  useEffect(() => {
    const id = pendingFocus.current;
    if (id === null) return;
    pendingFocus.current = null;
    rootRef.current?.ownerDocument.getElementById(id)?.focus();
  }, [model]);

  function commit(next: BuilderGroup, focusId?: string) {
    pendingFocus.current = focusId ?? null;
    onChange(next);
  }

  const idFor: BuilderContext['idFor'] = (part, path) =>
    `${baseId}-${part}-${pathKey(path)}`;

  const context: BuilderContext = {
    dialect,
    datalistId,
    idFor,
    problemsAt: (path) => problems.get(pathKey(path)) ?? [],
    setJoin: (path, join) =>
      commit(updateGroup(model, path, (group) => ({ ...group, join }))),
    setCondition: (path, condition) =>
      commit(replaceItem(model, path, () => [condition])),
    addCondition: (path) => {
      const size = groupAt(model, path)?.items.length ?? 0;
      commit(
        updateGroup(model, path, (group) => ({
          ...group,
          items: [...group.items, emptyCondition(dialect)],
        })),
        idFor('item', [...path, size]),
      );
    },
    addGroup: (path) => {
      const size = groupAt(model, path)?.items.length ?? 0;
      commit(
        updateGroup(model, path, (group) => ({
          ...group,
          // A nested group with its parent's join prints as if it were not
          // there, so the useful default is the other one.
          items: [
            ...group.items,
            {
              kind: 'group',
              join: group.join === 'all' ? 'any' : 'all',
              items: [emptyCondition(dialect)],
            },
          ],
        })),
        idFor('item', [...path, size, 0]),
      );
    },
    remove: (path) => {
      const parent = path.slice(0, -1);
      const index = path.at(-1) ?? 0;
      const size = groupAt(model, parent)?.items.length ?? 0;
      // The item that slides into this place, else the one before, else the
      // group's own Add condition button.
      const focusId =
        index < size - 1
          ? idFor('item', path)
          : index > 0
            ? idFor('item', [...parent, index - 1])
            : idFor('add', parent);
      commit(
        replaceItem(model, path, () => []),
        focusId,
      );
    },
  };

  return (
    <div
      ref={rootRef}
      data-slot="filter-builder"
      role="group"
      aria-label="Filter conditions"
      className={cn('grid min-w-0 gap-3', className)}
    >
      {dialect === 'identity-pool' && (
        <datalist id={datalistId}>
          {suggestions.map((claim) => (
            <option key={claim} value={claim} />
          ))}
        </datalist>
      )}
      <GroupBody group={model} path={[]} context={context} />
    </div>
  );
}

/** The Match select, the items and the Add buttons of one group. */
function GroupBody({
  group,
  path,
  context,
  removeButton,
}: {
  group: BuilderGroup;
  path: Path;
  context: BuilderContext;
  removeButton?: ReactNode;
}) {
  const position = positionLabel(path);
  const isTop = path.length === 0;
  const groupProblems = context.problemsAt(path);
  const problemsId = context.idFor('problems', path);

  return (
    <>
      <div className="flex flex-wrap items-center gap-2">
        <span aria-hidden="true" className="text-sm font-medium text-slate-900">
          Match
        </span>
        <Select
          id={isTop ? undefined : context.idFor('item', path)}
          aria-label={isTop ? 'Match' : `Match, group ${position}`}
          value={group.join}
          onValueChange={(join) =>
            context.setJoin(path, join === 'any' ? 'any' : 'all')
          }
          options={JOIN_OPTIONS}
          className="w-40"
        />
        <span className="text-sm text-slate-600">
          {isTop ? 'of the following' : 'in this group'}
        </span>
        {removeButton}
      </div>
      {groupProblems.length > 0 && (
        <ProblemList id={problemsId} messages={groupProblems} />
      )}
      {isTop && group.items.length === 0 && (
        <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          No conditions: {EMPTY_BUILDER_NOTE[context.dialect]} (the filter is{' '}
          <code className="font-mono">true</code>).
        </p>
      )}
      {group.items.length > 0 && (
        <ol className="grid min-w-0 gap-2">
          {group.items.map((item, index) => {
            const itemPath = [...path, index];
            return (
              // Items have no identity of their own, and every control is
              // controlled, so the index is the key.
              <li key={`${index}-${item.kind}`} className="grid min-w-0 gap-2">
                {index > 0 && (
                  <span
                    aria-hidden="true"
                    className="text-xs font-semibold tracking-wide text-slate-500 uppercase"
                  >
                    {JOIN_WORD[group.join]}
                  </span>
                )}
                {item.kind === 'group' ? (
                  <NestedGroup group={item} path={itemPath} context={context} />
                ) : (
                  <ConditionRow
                    condition={item}
                    path={itemPath}
                    context={context}
                  />
                )}
              </li>
            );
          })}
        </ol>
      )}
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          size="sm"
          id={context.idFor('add', path)}
          aria-label={isTop ? undefined : `Add condition to group ${position}`}
          onClick={() => context.addCondition(path)}
        >
          Add condition
        </Button>
        <Button
          variant="secondary"
          size="sm"
          aria-label={isTop ? undefined : `Add group to group ${position}`}
          onClick={() => context.addGroup(path)}
        >
          Add group
        </Button>
      </div>
    </>
  );
}

function NestedGroup({
  group,
  path,
  context,
}: {
  group: BuilderGroup;
  path: Path;
  context: BuilderContext;
}) {
  const position = positionLabel(path);
  return (
    <div
      role="group"
      aria-label={`Group ${position}`}
      className="ms-3 grid min-w-0 gap-2 rounded-md border border-dashed border-slate-300 bg-slate-50 p-2 sm:ms-6 sm:p-3"
    >
      <GroupBody
        group={group}
        path={path}
        context={context}
        removeButton={
          <Button
            variant="ghost"
            size="sm"
            className="ms-auto"
            aria-label={`Remove group ${position}`}
            onClick={() => context.remove(path)}
          >
            Remove group
          </Button>
        }
      />
    </div>
  );
}

function ConditionRow({
  condition,
  path,
  context,
}: {
  condition: BuilderCondition;
  path: Path;
  context: BuilderContext;
}) {
  const position = positionLabel(path);
  const claimId = context.idFor('item', path);
  const valueId = context.idFor('value', path);
  const listHintId = `${valueId}-hint`;
  const problemsId = context.idFor('problems', path);
  // A new row is not wrong yet: its problems show once focus has left it.
  const [isTouched, setTouched] = useState(false);
  const problems = isTouched ? context.problemsAt(path) : [];
  const { dialect } = context;
  const isClaimInvalid = isTouched && hasClaimProblem(condition, dialect);
  const isValueInvalid = isTouched && hasValueProblem(condition, dialect);
  const operators = builderOperators(dialect);
  const kind = operators.includes(condition.operator)
    ? builderValueKind(condition.operator)
    : 'single';
  const describedBy = problems.length > 0 ? problemsId : undefined;

  function change(patch: Partial<BuilderCondition>) {
    context.setCondition(path, { ...condition, ...patch });
  }

  function handleBlur(event: FocusEvent<HTMLDivElement>) {
    const next = event.relatedTarget;
    if (next instanceof Node && event.currentTarget.contains(next)) return;
    // The operator list opens in a portal outside the row.
    if (
      next instanceof Element &&
      next.closest('[data-radix-popper-content-wrapper]')
    ) {
      return;
    }
    setTouched(true);
  }

  return (
    <div
      role="group"
      aria-label={`Condition ${position}`}
      onBlur={handleBlur}
      className="grid min-w-0 gap-2 rounded-md border border-slate-200 bg-white p-2"
    >
      <div className="flex min-w-0 flex-wrap items-end gap-2">
        {dialect === 'identity-pool' && (
          <div className="grid w-full gap-1 sm:w-44">
            <label
              htmlFor={claimId}
              className="text-xs font-medium text-slate-700"
            >
              Claim<span className="sr-only">, condition {position}</span>
            </label>
            <Input
              id={claimId}
              list={context.datalistId}
              value={condition.claim}
              onChange={(event) => change({ claim: event.target.value })}
              placeholder="sub"
              autoComplete="off"
              autoCapitalize="off"
              autoCorrect="off"
              spellCheck={false}
              aria-invalid={isClaimInvalid || undefined}
              aria-describedby={describedBy}
              className="h-8 py-1 font-mono"
            />
          </div>
        )}
        {dialect === 'certificate-pool' && (
          <div className="grid w-full gap-1 sm:w-44">
            <span
              aria-hidden="true"
              className="text-xs font-medium text-slate-700"
            >
              Attribute
            </span>
            <Select
              id={claimId}
              aria-label={`Attribute, condition ${position}`}
              value={condition.claim}
              onValueChange={(claim) => change({ claim })}
              options={ATTRIBUTE_OPTIONS}
              className="w-full font-mono"
            />
          </div>
        )}
        {dialect === 'group-mapping' && (
          // The row's one variable: no control, only the words.
          <span className="pb-1.5 text-sm font-medium text-slate-900">
            The user
          </span>
        )}
        <div className="grid w-full gap-1 sm:w-56">
          <span
            aria-hidden="true"
            className="text-xs font-medium text-slate-700"
          >
            Operator
          </span>
          <Select
            // A group-mapping row has no claim control: focus lands here.
            id={dialect === 'group-mapping' ? claimId : undefined}
            aria-label={`Operator, condition ${position}`}
            value={condition.operator}
            onValueChange={(picked) => {
              const operator = operators.find((op) => op === picked);
              if (operator) change(withOperator(condition, operator));
            }}
            options={operatorOptions(dialect)}
            className="w-full"
          />
        </div>
        {/* Present / absent take no value; the empty cell keeps Remove in place. */}
        <div className="grid min-w-40 flex-1 gap-1">
          {kind === 'single' && (
            <>
              <label
                htmlFor={valueId}
                className="text-xs font-medium text-slate-700"
              >
                {dialect === 'group-mapping' ? 'Group' : 'Value'}
                <span className="sr-only">, condition {position}</span>
              </label>
              <Input
                id={valueId}
                value={singleValue(condition.value)}
                onChange={(event) => change({ value: event.target.value })}
                autoComplete="off"
                autoCapitalize="off"
                autoCorrect="off"
                spellCheck={false}
                aria-invalid={isValueInvalid || undefined}
                aria-describedby={describedBy}
                className="h-8 py-1 font-mono"
              />
            </>
          )}
          {kind === 'list' && (
            <>
              <div className="flex items-baseline gap-2">
                <label
                  htmlFor={valueId}
                  className="text-xs font-medium text-slate-700"
                >
                  Values<span className="sr-only">, condition {position}</span>
                </label>
                <span id={listHintId} className="text-xs text-slate-600">
                  one per line
                </span>
              </div>
              <Textarea
                id={valueId}
                value={listValue(condition.value).join('\n')}
                onChange={(event) =>
                  change({
                    value:
                      event.target.value === ''
                        ? []
                        : event.target.value.split('\n'),
                  })
                }
                // Empty lines are how a new value starts while typing, so
                // they are only dropped once the list is left.
                onBlur={() => {
                  const values = listValue(condition.value);
                  if (values.includes('')) {
                    change({ value: values.filter((item) => item !== '') });
                  }
                }}
                rows={3}
                autoComplete="off"
                autoCapitalize="off"
                autoCorrect="off"
                spellCheck={false}
                aria-invalid={isValueInvalid || undefined}
                aria-describedby={
                  describedBy ? `${listHintId} ${describedBy}` : listHintId
                }
                className="min-h-16 py-1"
              />
            </>
          )}
        </div>
        <Button
          variant="ghost"
          size="sm"
          aria-label={`Remove condition ${position}`}
          onClick={() => context.remove(path)}
        >
          Remove condition
        </Button>
      </div>
      {problems.length > 0 && (
        <ProblemList id={problemsId} messages={problems} />
      )}
    </div>
  );
}

function ProblemList({ id, messages }: { id: string; messages: string[] }) {
  return (
    <ul id={id} className="grid gap-0.5 text-sm text-red-700">
      {messages.map((message) => (
        <li key={message}>
          <FilterMessage text={message} />
        </li>
      ))}
    </ul>
  );
}

/** A filter message with its `backticked` parts shown as code. */
export function FilterMessage({ text }: { text: string }) {
  return text.split('`').map((part, index) =>
    index % 2 === 1 ? (
      <code key={index} className="font-mono text-[0.9em]">
        {part}
      </code>
    ) : (
      <Fragment key={index}>{part}</Fragment>
    ),
  );
}

// ---------------------------------------------------------------------------
// Model edits (immutable; untouched branches keep their identity)

/** Replaces the item at `path` (not the top group) with zero or more items. */
function replaceItem(
  group: BuilderGroup,
  path: Path,
  replace: (item: BuilderItem) => BuilderItem[],
): BuilderGroup {
  const [index, ...rest] = path;
  if (index === undefined) return group;
  return {
    ...group,
    items: group.items.flatMap((item, i) => {
      if (i !== index) return [item];
      if (rest.length === 0) return replace(item);
      return item.kind === 'group'
        ? [replaceItem(item, rest, replace)]
        : [item];
    }),
  };
}

function updateGroup(
  root: BuilderGroup,
  path: Path,
  update: (group: BuilderGroup) => BuilderGroup,
): BuilderGroup {
  if (path.length === 0) return update(root);
  return replaceItem(root, path, (item) =>
    item.kind === 'group' ? [update(item)] : [item],
  );
}

function groupAt(root: BuilderGroup, path: Path): BuilderGroup | undefined {
  let group: BuilderGroup = root;
  for (const index of path) {
    const item = group.items[index];
    if (item?.kind !== 'group') return;
    group = item;
  }
  return group;
}

/** Keeps as much of the value as the new operator can hold. */
function withOperator(
  condition: BuilderCondition,
  operator: BuilderOperator,
): Partial<BuilderCondition> {
  switch (builderValueKind(operator)) {
    case 'none':
      return { operator, value: '' };
    case 'list':
      return { operator, value: listValue(condition.value) };
    default:
      return { operator, value: singleValue(condition.value) };
  }
}

function singleValue(value: string | string[]): string {
  return Array.isArray(value) ? (value[0] ?? '') : value;
}

function listValue(value: string | string[]): string[] {
  if (Array.isArray(value)) return value;
  return value === '' ? [] : [value];
}

// ---------------------------------------------------------------------------
// Problems

function pathKey(path: Path): string {
  return path.join('.');
}

/** `[1, 0]` → `2.1`: positions as people count them. */
function positionLabel(path: Path): string {
  return path.map((index) => index + 1).join('.');
}

function problemsByPath(problems: BuilderProblem[]): Map<string, string[]> {
  const byPath = new Map<string, string[]>();
  for (const { path, message } of problems) {
    const key = pathKey(path);
    byPath.set(key, [...(byPath.get(key) ?? []), message]);
  }
  return byPath;
}

// validateBuilder reports per row, not per control; checking the row with
// the other half replaced by a valid stand-in tells which control is wrong.
function hasClaimProblem(
  condition: BuilderCondition,
  dialect: FilterDialect,
): boolean {
  const { operator } = emptyCondition(dialect);
  return rowHasProblem({ ...condition, operator, value: 'x' }, dialect);
}

function hasValueProblem(
  condition: BuilderCondition,
  dialect: FilterDialect,
): boolean {
  const claim =
    dialect === 'identity-pool' ? 'x' : emptyCondition(dialect).claim;
  return rowHasProblem({ ...condition, claim }, dialect);
}

function rowHasProblem(
  condition: BuilderCondition,
  dialect: FilterDialect,
): boolean {
  const model: BuilderGroup = {
    kind: 'group',
    join: 'all',
    items: [condition],
  };
  return validateBuilder(model, dialect).length > 0;
}
