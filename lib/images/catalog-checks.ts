/** The health-check timings the catalog's entries share. */

/** A server whose check must never restart it for a slow answer (a log replay, a large dump loading): liveness watches the process. */
export const SERVER_CHECK = { intervalSeconds: 10, timeoutSeconds: 5, retries: 5, liveness: 'process' } as const;

/** A TCP connect every 10s: what a server whose configuration comes from the compose file surely answers. */
export function tcpCheck(port: number) {
  return { test: { tcpPort: port }, intervalSeconds: 10, timeoutSeconds: 3, retries: 3 } as const;
}
