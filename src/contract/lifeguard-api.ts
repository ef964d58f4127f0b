/** Where the console calls Lifeguard's server: every API path starts here. */
export const API_PREFIX = '/api';

/**
 * The header the console sends on every write. Lifeguard's server refuses
 * writes without it (CSRF): a page on another site cannot add it without a
 * CORS grant, which is never given.
 */
export const CSRF_HEADER = 'x-lifeguard-csrf';
