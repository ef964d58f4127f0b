import { useId, useState } from 'react';
import {
  FILTER_TEMPLATES,
  templatesFor,
  type DialectTemplate,
  type FilterTemplate,
} from '#filter/templates.ts';
import { Button } from '@/components/ui/button.tsx';

type CommonProps = {
  currentFilter: string;
  /** Shown as chosen at first, e.g. the template the form was filled from. */
  initialTemplateId?: string;
};

/**
 * An identity pool's templates also set the identity claim, so they come
 * whole; the other dialects' templates are a filter and its description.
 */
export type FilterTemplatesProps = CommonProps &
  (
    | {
        dialect?: 'identity-pool';
        onApply: (template: FilterTemplate) => void;
      }
    | {
        dialect: 'group-mapping' | 'certificate-pool';
        onApply: (template: DialectTemplate) => void;
      }
  );

const IDENTITY_GROUPS = [
  ...new Set(FILTER_TEMPLATES.map((template) => template.issuerKind)),
];

/** Fills the filter (and a pool's identity claim) from a template; asks before replacing a filter. */
export function FilterTemplates(props: FilterTemplatesProps) {
  const { currentFilter, initialTemplateId = '' } = props;
  const dialect = props.dialect ?? 'identity-pool';
  const selectId = useId();
  const [selected, setSelected] = useState(initialTemplateId);
  const [confirming, setConfirming] = useState(false);
  const templates = templatesFor(dialect);
  const template = templates.find((candidate) => candidate.id === selected);
  const isPool = dialect === 'identity-pool';

  function apply() {
    if (
      props.dialect === 'group-mapping' ||
      props.dialect === 'certificate-pool'
    ) {
      if (template) props.onApply(template);
    } else {
      const poolTemplate = FILTER_TEMPLATES.find((t) => t.id === selected);
      if (poolTemplate) props.onApply(poolTemplate);
    }
    setConfirming(false);
  }

  return (
    <div className="grid grid-cols-1 gap-2 rounded-md border border-slate-200 bg-slate-50 p-3">
      <div className="flex flex-wrap items-end gap-2">
        {/* Shrinks below the longest template's name at 360 px. */}
        <div className="grid min-w-0 grid-cols-1 gap-1">
          <label htmlFor={selectId} className="text-sm font-medium">
            Start from a template
          </label>
          <select
            id={selectId}
            value={selected}
            onChange={(event) => {
              setSelected(event.target.value);
              setConfirming(false);
            }}
            className="h-8 max-w-full rounded-md border border-slate-300 bg-white px-2 text-sm"
          >
            <option value="">
              {isPool ? 'Choose a token shape…' : 'Choose a starting point…'}
            </option>
            {isPool
              ? IDENTITY_GROUPS.map((group) => (
                  <optgroup key={group} label={group}>
                    {FILTER_TEMPLATES.filter((t) => t.issuerKind === group).map(
                      (t) => (
                        <option key={t.id} value={t.id}>
                          {t.title}
                        </option>
                      ),
                    )}
                  </optgroup>
                ))
              : templates.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.title}
                  </option>
                ))}
          </select>
        </div>
        <Button
          variant="secondary"
          size="sm"
          disabled={!template}
          onClick={() => (currentFilter.trim() ? setConfirming(true) : apply())}
        >
          Use template
        </Button>
      </div>
      {template && (
        <p className="text-xs text-slate-700">{template.description}</p>
      )}
      {confirming && (
        <div role="alert" className="flex flex-wrap items-center gap-2 text-sm">
          <span>
            {isPool
              ? 'Replace the current filter and identity claim with this template?'
              : 'Replace the current filter with this template?'}
          </span>
          <Button size="sm" onClick={apply}>
            Replace
          </Button>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => setConfirming(false)}
          >
            Keep mine
          </Button>
        </div>
      )}
    </div>
  );
}
