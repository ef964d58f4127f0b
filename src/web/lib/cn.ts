import { clsx, type ClassValue } from 'clsx';

/**
 * Joins class names. It does not resolve conflicts between Tailwind classes
 * (tailwind-merge would cost the first screen 9 kB gzip): a `className`
 * passed to a component adds to its classes and must not restate one of
 * them with another value; a different look is a prop of the component
 * (docs/decisions/012-declarative-router-and-first-screen-budget.md).
 */
export function cn(...inputs: ClassValue[]): string {
  return clsx(inputs);
}
