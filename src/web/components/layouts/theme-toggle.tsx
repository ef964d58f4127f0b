import { useId } from 'react';
import { useTheme } from '@/hooks/use-theme.ts';
import type { ThemePreference } from '@/lib/theme.ts';

const OPTIONS: { value: ThemePreference; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/**
 * Light, dark, or whatever the system says (the default), remembered in this
 * browser. Radio buttons, so arrow keys move between the three.
 */
export function ThemeToggle() {
  const { preference, setPreference } = useTheme();
  const name = useId();
  return (
    <fieldset
      data-slot="theme-toggle"
      className="flex items-center rounded-md border border-slate-300 bg-white p-0.5 text-sm"
    >
      <legend className="sr-only">Theme</legend>
      {OPTIONS.map((option) => (
        <label
          key={option.value}
          className="cursor-pointer rounded px-2 py-0.5 text-slate-700 has-checked:bg-slate-200 has-checked:font-medium has-checked:text-slate-900 has-focus-visible:outline-2 has-focus-visible:outline-brand-600"
        >
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={preference === option.value}
            onChange={() => setPreference(option.value)}
            className="sr-only"
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}
