import { TEST_IDP_CLIENTS } from './identity-provider.ts';

/** Where an emulator at `emulatorUrl` hands out its test IdP's tokens. */
export function testIdpTokenUrl(emulatorUrl: string): string {
  return `${emulatorUrl}/test-idp/oauth2/token`;
}

/**
 * A client-credentials token of the emulator's built-in test IdP for one
 * of its demo clients, as a client would ask for it: for tests and demos.
 */
export async function testIdpToken(
  emulatorUrl: string,
  clientId = 'lifeguard-console',
): Promise<string> {
  const client = TEST_IDP_CLIENTS.find(({ id }) => id === clientId);
  if (!client) throw new Error(`The test IdP has no client ${clientId}.`);
  const response = await fetch(testIdpTokenUrl(emulatorUrl), {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: client.id,
      client_secret: client.secret,
    }),
  });
  if (!response.ok) {
    throw new Error(`The test IdP answered ${response.status}.`);
  }
  return ((await response.json()) as { access_token: string }).access_token;
}
