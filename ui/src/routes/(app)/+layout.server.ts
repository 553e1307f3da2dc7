import { redirect } from '@sveltejs/kit';
import { abilityOf } from '#lib/server/require-ability.ts';
import { navFor } from '#lib/server/console-nav.ts';
import { ROLE_LABELS } from '#lib/server/roles.ts';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => {
  if (!locals.user) redirect(303, '/sign-in');
  return {
    user: { name: locals.user.name, email: locals.user.email },
    roles: locals.grants.map((g) => `${ROLE_LABELS[g.role]} · ${g.region}`),
    nav: navFor(abilityOf(locals)),
  };
};
