import helmet, { type HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * helmet's security headers, computed once at start: the same on every response. (`@fastify/helmet`
 * built a new helmet middleware on every request, parsing its policy each time: 4 % of the server's
 * CPU under `{ __typename }` in a profile.) No directive of ours is per request (no nonces), so
 * the headers are the same every time: a test compares them with helmet's own.
 */
export function securityHeaders(options: HelmetOptions): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number | readonly string[]) => (headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value)),
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
    getHeader: (name: string) => headers[name.toLowerCase()],
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return Object.freeze(headers);
}

/** helmet's options: its defaults in production; outside it no Content-Security-Policy, for the GraphQL explorer's inline scripts. */
export function helmetOptions(production: boolean): HelmetOptions {
  return { contentSecurityPolicy: production ? undefined : false };
}
