import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { FILTER_TEMPLATES } from '#filter/templates.ts';
import { buttonVariants } from '@/components/ui/button.tsx';
import { paths } from '@/config/paths.ts';

const GROUPS = [
  ...new Set(FILTER_TEMPLATES.map((template) => template.issuerKind)),
];

/**
 * "New pool from a template": a disclosure listing the filter templates,
 * each a link to the new-pool form with `?template=` set. Escape or a click
 * elsewhere closes it.
 */
export function NewPoolFromTemplate({ providerId }: { providerId: string }) {
  const [isOpen, setIsOpen] = useState(false);
  const detailsRef = useRef<HTMLDetailsElement>(null);

  useEffect(() => {
    if (!isOpen) return;
    function closeOutside(event: PointerEvent) {
      const target = event.target;
      if (!(target instanceof Node) || !detailsRef.current?.contains(target)) {
        setIsOpen(false);
      }
    }
    document.addEventListener('pointerdown', closeOutside);
    return () => document.removeEventListener('pointerdown', closeOutside);
  }, [isOpen]);

  return (
    <details
      ref={detailsRef}
      open={isOpen}
      onToggle={(event) => setIsOpen(event.currentTarget.open)}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !isOpen) return;
        event.preventDefault();
        setIsOpen(false);
        detailsRef.current?.querySelector('summary')?.focus();
      }}
      className="relative"
    >
      <summary
        className={`${buttonVariants({ variant: 'secondary' })} cursor-pointer list-none [&::-webkit-details-marker]:hidden`}
      >
        New pool from a template
        <span aria-hidden="true">▾</span>
      </summary>
      <div className="z-30 mt-1 grid w-80 max-w-[calc(100vw-2rem)] gap-3 rounded-md border border-slate-200 bg-white p-3 shadow-lg sm:absolute sm:right-0">
        {GROUPS.map((group) => (
          <div key={group}>
            <h2 className="mb-1 text-xs font-semibold text-slate-600 uppercase">
              {group}
            </h2>
            <ul className="grid gap-0.5">
              {FILTER_TEMPLATES.filter(
                (template) => template.issuerKind === group,
              ).map((template) => (
                <li key={template.id}>
                  <Link
                    to={paths.poolNew.getHref(providerId, {
                      template: template.id,
                    })}
                    className="block rounded px-2 py-1 text-sm text-brand-700 hover:bg-slate-100 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
                  >
                    {template.title}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </details>
  );
}
