import type { RequestHandler } from '@sveltejs/kit';
import { localeOf } from '#lib/i18n.ts';

/** Sets the interface language (a preference cookie, not a credential) and returns to the page. */
export const POST: RequestHandler = async ({ request, cookies }) => {
  const form = await request.formData().catch(() => null);
  const locale = localeOf(String(form?.get('locale') ?? ''));
  cookies.set('meridian_locale', locale, { path: '/', httpOnly: true, secure: true, sameSite: 'strict', maxAge: 365 * 86400 });
  // Only a path on this console: never an open redirect.
  const back = String(form?.get('back') ?? '/');
  return new Response(null, { status: 303, headers: { location: /^\/(?![/\\])[\w\-./%]*$/.test(back) ? back : '/' } });
};
