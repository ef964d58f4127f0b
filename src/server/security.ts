import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { failureBody } from '#contract/errors.ts';

/** The header the console sends on every write; cross-site pages cannot set it without CORS, which Lifeguard never grants. */
export const CSRF_HEADER = 'x-lifeguard-csrf';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Browser hardening: a strict Content-Security-Policy (no inline or eval'd
 * script, connections to this origin only), no framing, no sniffing, no
 * referrer, no powerful browser features, and HSTS over https. Styles may be inline because
 * the UI libraries (Radix, sonner, CodeMirror) set style attributes.
 */
export function securityHeaders(app: FastifyInstance) {
  // helmet is wrapped with fastify-plugin, so it applies to every route.
  app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    // Set below per request: only a response that arrived over https
    // (directly or via TRUSTED_PROXY) may pin the browser to https.
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.protocol === 'https') {
      reply.header('strict-transport-security', 'max-age=31536000');
    }
    reply.header(
      'permissions-policy',
      'camera=(), microphone=(), geolocation=(), payment=(), usb=(), clipboard-read=(), interest-cohort=()',
    );
    return payload;
  });
}

function refuse(request: FastifyRequest, reply: FastifyReply, reason: string) {
  request.log.warn(
    {
      method: request.method,
      url: request.url,
      origin: request.headers.origin,
      reason,
    },
    'cross-site write refused',
  );
  return reply
    .code(403)
    .header('x-request-id', request.id)
    .send(
      failureBody(
        403,
        [
          {
            code: 'csrf_refused',
            title: 'Forbidden',
            detail: `This write was refused: ${reason}.`,
          },
        ],
        request.id,
      ),
    );
}

/**
 * Writes under /api must come from the console itself: same origin (by
 * Sec-Fetch-Site, else Origin) and carrying the console's custom header.
 */
export function csrfProtection(app: FastifyInstance) {
  app.addHook('onRequest', async (request, reply) => {
    if (
      SAFE_METHODS.has(request.method) ||
      !(request.raw.url ?? '').startsWith('/api')
    ) {
      return;
    }
    const site = request.headers['sec-fetch-site'];
    if (typeof site === 'string' && site !== 'same-origin') {
      return refuse(
        request,
        reply,
        `the request came from another site (${site})`,
      );
    }
    const origin = request.headers.origin;
    if (
      typeof origin === 'string' &&
      origin !== `${request.protocol}://${request.host}`
    ) {
      return refuse(request, reply, `the request came from ${origin}`);
    }
    if (request.headers[CSRF_HEADER] !== '1') {
      return refuse(request, reply, `the ${CSRF_HEADER} header is missing`);
    }
  });
}
