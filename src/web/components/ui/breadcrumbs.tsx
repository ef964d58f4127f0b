import { Link } from 'react-router';

export type Crumb = { label: string; href?: string };

/** Where this screen sits: Providers › provider › pool. The last crumb is the page. */
export function Breadcrumbs({ items }: { items: Crumb[] }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-4 text-sm">
      <ol className="flex flex-wrap items-center gap-1 text-slate-600">
        {items.map((item, index) => (
          <li
            key={`${item.label}-${index}`}
            className="flex items-center gap-1"
          >
            {index > 0 && <span aria-hidden="true">›</span>}
            {item.href && index < items.length - 1 ? (
              <Link to={item.href} className="text-brand-700 hover:underline">
                {item.label}
              </Link>
            ) : (
              <span
                aria-current={index === items.length - 1 ? 'page' : undefined}
                className="text-slate-900"
              >
                {item.label}
              </span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
