import type { Handle, ServerInit } from '@sveltejs/kit/hooks';
import { building } from '$app/env';
import { loadConsoleConfig } from '#lib/server/console-config.ts';
import { openConsoleServices, type ConsoleServices } from '#lib/server/console-services.ts';
import { grantsOf } from '#lib/server/console-users.ts';
import { DIRECTION, localeOf } from '#lib/i18n.ts';
import { refuseCrossSite } from '#lib/server/refuse-cross-site.ts';

let services: ConsoleServices | undefined;

export const init: ServerInit = async () => {
  if (building) return;
  services = await openConsoleServices(loadConsoleConfig(process.env));
  const close = () => services?.close().finally(() => process.exit(0));
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
};

const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  // Not no-referrer: under it browsers send `Origin: null` on form posts, which the CSRF check must refuse.
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  'cross-origin-opener-policy': 'same-origin',
};

export const handle: Handle = async ({ event, resolve }) => {
  if (!services) return new Response('console is starting', { status: 503 });
  const refusal = refuseCrossSite(event.request, services.config.origin);
  if (refusal) {
    services.logger.warn({ method: event.request.method, path: event.url.pathname, reason: refusal }, 'cross-site request refused');
    return new Response(JSON.stringify({ error: { code: 'FORBIDDEN', message: 'cross-site request refused' } }), { status: 403, headers: { 'content-type': 'application/json' } });
  }
  event.locals.services = services;
  event.locals.user = null;
  event.locals.sessionId = null;
  event.locals.grants = [];
  // better-auth's own HTTP routes stay closed: sign-in and sign-out go through /session, which adds the client address for rate limiting.
  if (event.url.pathname.startsWith('/api/auth')) return new Response('not found', { status: 404 });
  const found = await services.auth.api.getSession({ headers: event.request.headers });
  if (found) {
    event.locals.user = { id: found.user.id, email: found.user.email, name: found.user.name };
    event.locals.sessionId = found.session.id;
    event.locals.grants = await grantsOf(services.db, found.user.id);
  }
  const locale = localeOf(event.cookies.get('meridian_locale'));
  const response = await resolve(event, { transformPageChunk: ({ html }) => html.replace('lang="en" dir="ltr"', `lang="${locale}" dir="${DIRECTION[locale]}"`) });
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) response.headers.set(k, v);
  if (event.locals.user) response.headers.set('cache-control', 'no-store');
  return response;
};
