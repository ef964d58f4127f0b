import type { Pool } from '../api/pools.ts';

export function DeletePoolDialog(_props: {
  providerId: string;
  pool: Pool;
  onDeleted: () => void;
}) {
  return null;
}
