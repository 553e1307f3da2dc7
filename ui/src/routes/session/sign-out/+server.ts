import type { RequestHandler } from '@sveltejs/kit';

/**
 * Sign-out deletes the session row (so the cookie is worthless even if it was
 * copied) and expires the cookies in the browser.
 */
export const POST: RequestHandler = async ({ request, locals }) => {
  const { config, auth } = locals.services;
  const res = await auth.handler(
    new Request(`${config.origin}/api/auth/sign-out`, { method: 'POST', headers: { cookie: request.headers.get('cookie') ?? '', origin: config.origin } }),
  );
  const headers = new Headers({ location: '/sign-in?signed-out=1' });
  for (const c of res.headers.getSetCookie()) headers.append('set-cookie', c);
  return new Response(null, { status: 303, headers });
};
