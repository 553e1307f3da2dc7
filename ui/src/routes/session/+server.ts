import { redirect, type RequestHandler } from '@sveltejs/kit';
import { CLIENT_ADDRESS_HEADER } from '#lib/server/console-auth.ts';

const MAX_FIELD = 300;

/**
 * Sign-in: the form's e-mail and password go to better-auth's handler with the
 * client's address (its rate limiter keys on it); the session cookie it sets
 * is passed through on a 303 to the console, and a failure goes back to the
 * form with a reason that does not tell which of the two was wrong.
 */
export const POST: RequestHandler = async ({ request, locals, getClientAddress }) => {
  const form = await request.formData().catch(() => null);
  const email = String(form?.get('email') ?? '').trim().slice(0, MAX_FIELD);
  const password = String(form?.get('password') ?? '').slice(0, MAX_FIELD);
  if (!email || !password) redirect(303, '/sign-in?error=missing');
  const { config, auth } = locals.services;
  const res = await auth.handler(
    new Request(`${config.origin}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: config.origin, [CLIENT_ADDRESS_HEADER]: getClientAddress() },
      body: JSON.stringify({ email, password, rememberMe: false }),
    }),
  );
  if (res.status === 429) redirect(303, '/sign-in?error=rate');
  if (!res.ok) redirect(303, '/sign-in?error=wrong');
  const headers = new Headers({ location: '/' });
  for (const c of res.headers.getSetCookie()) headers.append('set-cookie', c);
  return new Response(null, { status: 303, headers });
};
