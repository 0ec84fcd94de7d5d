import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The console's pages: no inline script or style, nothing from elsewhere, never in a frame. The
 * GraphQL explorer (outside production, at /graphql) keeps helmet's own policy.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Paths that belong to the API: an unknown one there is a JSON 404, never the console's page. */
const API_PATHS = /^\/(graphql|health|exports|session|assets)(\/|$|\?)/;

/**
 * Whether a request may be answered with the console's page: a browser asks for HTML; `curl` and
 * others accept any type (or send no Accept at all), which the page satisfies, unless the address
 * names a file (`/robots.txt`, `/favicon.ico`): a file that is not there is a 404. A client that
 * asks for JSON only gets the JSON 404.
 */
function wantsPage(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '*/*';
  if (accept.includes('text/html')) return true;
  return accept.includes('*/*') && !/\.[a-z0-9]+$/i.test(request.url.split('?')[0]);
}

/**
 * Serves the built console (dist/web) at /: hashed files under /assets/ cached for a year, any
 * other GET that asks for a page (wantsPage) answered with index.html (the console's router reads the address,
 * so /reports/:id from an e-mail opens that report). Without a built console, nothing is served.
 */
export async function serveConsole(fastify: FastifyInstance, dir: string): Promise<boolean> {
  if (!existsSync(join(dir, 'index.html'))) return false;
  await fastify.register(fastifyStatic, {
    root: dir,
    wildcard: false,
    index: false,
    setHeaders: (response, path) => {
      const hashed = path.includes(`${join(dir, 'assets')}`);
      response.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      response.header('content-security-policy', CONSOLE_CSP);
    },
  });
  const page = (request: FastifyRequest, reply: FastifyReply) => {
    if (API_PATHS.test(request.url) || !wantsPage(request)) {
      return reply.status(404).send({ statusCode: 404, code: 'NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0]}.` });
    }
    return reply.header('content-security-policy', CONSOLE_CSP).header('cache-control', 'no-cache').sendFile('index.html');
  };
  fastify.get('/', page);
  fastify.get('/*', page);
  return true;
}
