import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

export const OUTAGE_MAX_MS = 60_000;

export const outageSchema = z.object({
  durationMs: z
    .number({
      error: `durationMs must be a number of ms from 1 to ${OUTAGE_MAX_MS}`,
    })
    .int({ error: 'durationMs must be a whole number of ms' })
    .min(1, { error: `durationMs must be from 1 to ${OUTAGE_MAX_MS}` })
    .max(OUTAGE_MAX_MS, {
      error: `durationMs must be from 1 to ${OUTAGE_MAX_MS}`,
    }),
});

// A port taken by someone else meanwhile is retried this often, this long.
const RELISTEN_RETRY_MS = 250;
const RELISTEN_GIVE_UP_MS = 30_000;

/**
 * Takes the emulator's port away for a while, as a crashed or restarting
 * upstream would: new connections are refused (ECONNREFUSED), open ones are
 * cut, then the same address listens again with the data untouched. It works
 * on the Node server under Fastify, so the app, its store and the process
 * (`npm run emulator`, or the server's embedded emulator) stay up.
 */
export class PortOutage {
  readonly #app: FastifyInstance;
  #reopensAt: number | undefined;
  #timer: NodeJS.Timeout | undefined;
  #stopping = false;

  constructor(app: FastifyInstance) {
    this.#app = app;
    app.addHook('preClose', async () => {
      this.#stopping = true;
      clearTimeout(this.#timer);
    });
  }

  /** When the port listens again (epoch ms), while an outage lasts. */
  get reopensAt(): number | undefined {
    return this.#reopensAt;
  }

  /**
   * Starts an outage of `durationMs`: a second one is refused from now on,
   * and the port closes when `when` calls back (once the answer is out).
   */
  begin(durationMs: number, when: (closePort: () => void) => void): void {
    this.#reopensAt = Date.now() + durationMs;
    when(() => this.#closeFor(durationMs));
  }

  #closeFor(durationMs: number): void {
    const server = this.#app.server;
    const address = server.address();
    if (this.#stopping || address === null || typeof address === 'string') {
      this.#reopensAt = undefined;
      return;
    }
    this.#reopensAt = Date.now() + durationMs;
    // Fastify's own close later tolerates a server that is not listening.
    server.close(() => {});
    server.closeAllConnections();
    this.#app.log.warn({ durationMs }, 'outage: port closed');
    this.#timer = setTimeout(() => this.#reopen(address, 0), durationMs);
  }

  #reopen(address: AddressInfo, waitedMs: number): void {
    if (this.#stopping) return;
    const server = this.#app.server;
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (waitedMs >= RELISTEN_GIVE_UP_MS) {
        this.#reopensAt = undefined;
        this.#app.log.error(
          { err: error, port: address.port },
          'outage: could not listen again; the emulator stays unreachable',
        );
        return;
      }
      this.#timer = setTimeout(
        () => this.#reopen(address, waitedMs + RELISTEN_RETRY_MS),
        RELISTEN_RETRY_MS,
      );
    };
    const onListening = () => {
      server.off('error', onError);
      if (this.#stopping) {
        server.close();
        return;
      }
      this.#reopensAt = undefined;
      this.#timer = undefined;
      this.#app.log.warn({ port: address.port }, 'outage: port open again');
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ host: address.address, port: address.port });
  }
}
