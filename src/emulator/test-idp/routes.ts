import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { resourceContext, type EmulatorContext } from '../context.ts';
import {
  acceptFormBodies,
  formValue,
  readForm,
  REPEATED,
} from '../sts/form-body.ts';
import {
  TEST_IDP_ISSUER,
  TEST_IDP_TOKEN_SECONDS,
} from './identity-provider.ts';

const PREFIX = '/test-idp';
const REALM = 'lifeguard-test-idp';
// RFC 6749 §3.3: scope tokens are printable ASCII without space, " or \.
const SCOPE = /^[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$/;

type OAuthError =
  | 'invalid_request'
  | 'invalid_client'
  | 'unsupported_grant_type'
  | 'invalid_scope';

// RFC 6749 §5.2, not the emulator's Failure: this stands in for an
// identity provider, and clients of one read these.
function oauthError(
  reply: FastifyReply,
  error: OAuthError,
  description: string,
) {
  const status = error === 'invalid_client' ? 401 : 400;
  if (status === 401) {
    reply.header('www-authenticate', `Basic realm="${REALM}"`);
  }
  return reply
    .code(status)
    .headers({ 'cache-control': 'no-store', pragma: 'no-cache' })
    .send({ error, error_description: description });
}

function formDecode(text: string): string {
  return decodeURIComponent(text.replace(/\+/g, ' '));
}

function parseBasic(
  encoded: string,
): { id: string; secret: string } | undefined {
  const decoded = Buffer.from(encoded.trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  try {
    return {
      id: formDecode(decoded.slice(0, colon)),
      secret: formDecode(decoded.slice(colon + 1)),
    };
  } catch {
    // Not form-encoded (a lone %): as bad as no credentials at all.
    return undefined;
  }
}

type Credentials =
  | { ok: true; id: string; secret: string }
  | { ok: false; error: OAuthError; description: string };

// RFC 6749 §2.3.1: client_secret_basic (the id and secret form-encoded,
// then Base64) or client_secret_post, never both.
function clientCredentials(
  request: FastifyRequest,
  form: URLSearchParams,
): Credentials {
  const id = formValue(form, 'client_id');
  const secret = formValue(form, 'client_secret');
  if (id === REPEATED || secret === REPEATED) {
    return {
      ok: false,
      error: 'invalid_request',
      description: 'client_id and client_secret may be sent once each',
    };
  }
  const header = request.headers.authorization;
  if (header !== undefined && /^basic /i.test(header)) {
    if (secret !== undefined) {
      return {
        ok: false,
        error: 'invalid_request',
        description:
          'Send the client credentials either in the Authorization header or in the form, not both',
      };
    }
    const basic = parseBasic(header.slice(6));
    // A client_id in the form too must name the same client.
    if (basic && (id === undefined || id === basic.id)) {
      return { ok: true, ...basic };
    }
    return {
      ok: false,
      error: 'invalid_client',
      description:
        'The Authorization header is not Basic with client_id:client_secret',
    };
  }
  if (id === undefined || secret === undefined) {
    return {
      ok: false,
      error: 'invalid_client',
      description:
        'Authenticate the client: client_id and client_secret in the form, or HTTP Basic',
    };
  }
  return { ok: true, id, secret };
}

/**
 * The test identity provider's endpoints: discovery, its key set, and a
 * client-credentials token endpoint. Always there, whatever the seed: the
 * test IdP is part of the emulator, not of Confluent's API.
 */
export function testIdpRoutes(app: FastifyInstance, context: EmulatorContext) {
  const { testIdp } = context;

  app.get(`${PREFIX}/.well-known/openid-configuration`, async (request) => {
    const { baseUrl } = resourceContext(context, request);
    return {
      issuer: TEST_IDP_ISSUER,
      token_endpoint: `${baseUrl}${PREFIX}/oauth2/token`,
      // Where a client can read the keys; identity providers registered
      // with the reserved https://idp.lifeguard.test/jwks get the same
      // keys in-process.
      jwks_uri: `${baseUrl}${PREFIX}/jwks`,
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: [
        'client_secret_basic',
        'client_secret_post',
      ],
      response_types_supported: ['token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
    };
  });

  app.get(`${PREFIX}/jwks`, async () => testIdp.jwks());

  app.register(async (scope) => {
    acceptFormBodies(scope);
    scope.post(`${PREFIX}/oauth2/token`, async (request, reply) => {
      const read = readForm(request);
      if (!read.ok) {
        return oauthError(
          reply,
          'invalid_request',
          'Send the token request as an application/x-www-form-urlencoded form',
        );
      }
      const { form } = read;
      const grant = formValue(form, 'grant_type');
      if (grant === undefined || grant === REPEATED) {
        return oauthError(
          reply,
          'invalid_request',
          'grant_type is required, once',
        );
      }
      if (grant !== 'client_credentials') {
        return oauthError(
          reply,
          'unsupported_grant_type',
          'This identity provider grants client_credentials only',
        );
      }
      const client = clientCredentials(request, form);
      if (!client.ok)
        return oauthError(reply, client.error, client.description);
      if (!testIdp.isClient(client.id, client.secret)) {
        return oauthError(
          reply,
          'invalid_client',
          'Unknown client, or a wrong client secret',
        );
      }
      const scopeValue = formValue(form, 'scope');
      if (
        scopeValue === REPEATED ||
        (scopeValue !== undefined && !SCOPE.test(scopeValue))
      ) {
        return oauthError(
          reply,
          'invalid_scope',
          'scope must be space-separated scope tokens, sent once',
        );
      }
      const accessToken = await testIdp.issueToken(client.id, scopeValue);
      return reply
        .headers({ 'cache-control': 'no-store', pragma: 'no-cache' })
        .send({
          access_token: accessToken,
          token_type: 'Bearer',
          expires_in: TEST_IDP_TOKEN_SECONDS,
          ...(scopeValue ? { scope: scopeValue } : {}),
        });
    });
  });
}
