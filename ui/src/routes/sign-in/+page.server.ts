import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

const MESSAGES: Record<string, string> = {
  wrong: 'That e-mail and password do not match an account.',
  rate: 'Too many sign-in attempts from this address. Wait a minute, then try again.',
  missing: 'Enter your e-mail and password.',
};

export const load: PageServerLoad = ({ locals, url }) => {
  if (locals.user) redirect(303, '/');
  const error = url.searchParams.get('error');
  return { error: error ? (MESSAGES[error] ?? null) : null, signedOut: url.searchParams.has('signed-out') };
};
