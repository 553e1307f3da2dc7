import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

/** Each user lands on the first page their roles open. */
export const load: PageServerLoad = async ({ parent }) => {
  const { nav } = await parent();
  redirect(303, nav[0]?.href ?? '/no-access');
};
