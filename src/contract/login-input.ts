import { z } from 'zod';

/**
 * POST /api/lifeguard/login's body. Its own module, so that reading
 * src/contract/auth.ts does not load zod (the console's first screen does).
 */
export const loginInputSchema = z.object({
  username: z
    .string({ error: 'username is required' })
    .min(1, { error: 'username is required' })
    .max(200, { error: 'username must be at most 200 characters' }),
  password: z
    .string({ error: 'password is required' })
    .min(1, { error: 'password is required' })
    .max(1024, { error: 'password must be at most 1024 characters' }),
});

export type LoginInput = z.infer<typeof loginInputSchema>;
