import { useId, useState } from 'react';
import { FILTER_TEMPLATES, type FilterTemplate } from '#filter/templates.ts';
import { Button } from '@/components/ui/button.tsx';

const GROUPS = [
  ...new Set(FILTER_TEMPLATES.map((template) => template.issuerKind)),
];

/** Fills the filter and identity claim from a template; asks before replacing a filter. */
export function FilterTemplates({
  currentFilter,
  onApply,
  initialTemplateId = '',
}: {
  currentFilter: string;
  onApply: (template: FilterTemplate) => void;
  /** Shown as chosen at first, e.g. the template the form was filled from. */
  initialTemplateId?: string;
}) {
  const selectId = useId();
  const [selected, setSelected] = useState(initialTemplateId);
  const [confirming, setConfirming] = useState(false);
  const template = FILTER_TEMPLATES.find(
    (candidate) => candidate.id === selected,
  );

  function apply() {
    if (!template) return;
    onApply(template);
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
            <option value="">Choose a token shape…</option>
            {GROUPS.map((group) => (
              <optgroup key={group} label={group}>
                {FILTER_TEMPLATES.filter((t) => t.issuerKind === group).map(
                  (t) => (
                    <option key={t.id} value={t.id}>
                      {t.title}
                    </option>
                  ),
                )}
              </optgroup>
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
            Replace the current filter and identity claim with this template?
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
