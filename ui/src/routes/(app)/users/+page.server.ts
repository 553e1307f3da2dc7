import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { subject } from '@casl/ability';
import { consoleGrantSchema } from '@meridian/core/access/console-grant.ts';
import { requireRegions, abilityOf } from '#lib/server/require-ability.ts';
import { addGrant, removeGrant, revokeSessions, upsertUser, usersIn } from '#lib/server/console-users.ts';
import type { Actions, PageServerLoad } from './$types';

/** Console accounts of the admin's regions: their grants and sessions. Admins see no data of any kind here. */
export const load: PageServerLoad = async ({ locals }) => {
  const { regions } = requireRegions(locals, 'manage', 'ConsoleUser');
  return { regions, me: locals.user!.id, users: await usersIn(locals.services.db, regions) };
};

const grantForm = z.object({ userId: z.string().min(1).max(64) }).and(consoleGrantSchema);
const newUserForm = z.object({ email: z.email().max(300), name: z.string().trim().min(1).max(200), password: z.string().min(12).max(256) }).and(consoleGrantSchema);

async function formOf(request: Request) {
  const form = await request.formData().catch(() => null);
  return Object.fromEntries([...(form?.entries() ?? [])].filter(([, v]) => typeof v === 'string'));
}

/** The admin may manage this user in this region (never their own account: no self-promotion). */
function mayManage(locals: App.Locals, userId: string, region: string): boolean {
  return abilityOf(locals).can('manage', subject('ConsoleUser', { region, id: userId }) as never);
}

export const actions: Actions = {
  create: async ({ locals, request }) => {
    const f = newUserForm.safeParse(await formOf(request));
    if (!f.success) return fail(400, { error: `Check ${f.error.issues.map((i) => i.path.join('.') || 'the form').join(', ')}` });
    if (!mayManage(locals, 'new-user', f.data.region)) return fail(403, { error: `You do not administer ${f.data.region}.` });
    const ctx = await locals.services.auth.$context;
    if (await ctx.internalAdapter.findUserByEmail(f.data.email.toLowerCase())) return fail(409, { error: 'That e-mail already has an account: grant it a role instead.' });
    await upsertUser(locals.services.auth, locals.services.db, { email: f.data.email, name: f.data.name, password: f.data.password, grants: [{ role: f.data.role, region: f.data.region }] });
    locals.services.logger.info({ by: locals.user!.id, role: f.data.role, region: f.data.region }, 'console user created');
    return { done: 'Account created.' };
  },
  grant: async ({ locals, request }) => {
    const f = grantForm.safeParse(await formOf(request));
    if (!f.success) return fail(400, { error: 'Choose a role and a region.' });
    if (!mayManage(locals, f.data.userId, f.data.region)) return fail(403, { error: 'You may not change this account in that region.' });
    await addGrant(locals.services.db, f.data.userId, { role: f.data.role, region: f.data.region });
    return { done: 'Role granted.' };
  },
  revoke: async ({ locals, request }) => {
    const f = grantForm.safeParse(await formOf(request));
    if (!f.success) return fail(400, { error: 'Choose a role and a region.' });
    if (!mayManage(locals, f.data.userId, f.data.region)) return fail(403, { error: 'You may not change this account in that region.' });
    await removeGrant(locals.services.db, f.data.userId, { role: f.data.role, region: f.data.region });
    return { done: 'Role removed; their sessions were ended.' };
  },
  signOut: async ({ locals, request }) => {
    const f = z.object({ userId: z.string().min(1).max(64), region: z.string() }).safeParse(await formOf(request));
    if (!f.success || !mayManage(locals, f.data.userId, f.data.region)) return fail(403, { error: 'You may not end this account’s sessions.' });
    const n = await revokeSessions(locals.services.db, f.data.userId);
    return { done: `${n} session(s) ended.` };
  },
};
