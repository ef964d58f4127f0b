import { highlightSegments } from '../search-index.ts';

/** `text` with the runs matching `terms` marked (`<mark>`, which screen readers can announce). */
export function Highlight({
  text,
  terms,
}: {
  text: string;
  terms: readonly string[];
}) {
  return (
    <>
      {highlightSegments(text, terms).map((segment, index) =>
        segment.isMatch ? (
          <mark key={index} className="rounded-sm bg-amber-200 text-slate-950">
            {segment.text}
          </mark>
        ) : (
          segment.text
        ),
      )}
    </>
  );
}
