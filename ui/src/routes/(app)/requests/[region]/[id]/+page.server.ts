import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { subject } from '@casl/ability';
import type { Region } from '@meridian/core/policy/region-profile.ts';
import { OPEN_REQUEST_STATES } from '@meridian/core/access/open-request-states.ts';
import { abilityOf, requireRegion } from '#lib/server/require-ability.ts';
import { nodeAs } from '#lib/server/node-as.ts';
import { must, settle } from '#lib/server/region-call.ts';
import type { ConsoleAction } from '#lib/server/permissions.ts';
import type { Actions, PageServerLoad } from './$types';

function target(locals: App.Locals, params: { region: string; id: string }, action: ConsoleAction): { region: Region; requestId: string } {
  const region = requireRegion(locals, action, 'RightsRequest', params.region);
  if (!z.uuid().safeParse(params.id).success) error(404, { message: 'No such request.', code: 'NOT_FOUND' });
  return { region, requestId: params.id };
}

/** One request: its lifecycle, deadlines, verification progress and what this user may do next. */
export const load: PageServerLoad = async ({ locals, params }) => {
  const { region, requestId } = target(locals, params, 'read');
  const detail = await must(() => nodeAs(locals, region).console.requests.get.query({ requestId }));
  const ability = abilityOf(locals);
  const onThis = { region, status: detail.status, type: detail.type };
  const open = (OPEN_REQUEST_STATES as readonly string[]).includes(detail.status);
  const can = (action: ConsoleAction) => ability.can(action, subject('RightsRequest', onThis) as never);
  // A closed request's certificate: is the checkpoint its evidence rests on cosigned by the witnesses yet?
  let evidence: { checkpointSize: number; cosigners: string[] } | null = null;
  if (detail.status === 'completed' && can('download')) {
    const cert = await settle(() => nodeAs(locals, region).console.requests.certificate.query({ requestId }));
    if (cert.ok) {
      const note = cert.value.evidence.checkpoints.at(-1) ?? '';
      const signers = [...note.matchAll(/^\u2014 (\S+) /gmu)].map((m) => m[1]!);
      evidence = { checkpointSize: Number(note.split("\n")[1] ?? 0), cosigners: [...new Set(signers.slice(1))] };
    }
  }
  return {
    evidence,
    region,
    request: detail,
    can: {
      verify: can('verify'), approve: can('approve'), deny: can('deny'), extend: can('extend'), download: can('download'),
      subjectData: open && ability.can('read', subject('SubjectPersonalData', { region, requestStatus: detail.status }) as never),
      consentHistory: open && ability.can('read', subject('ConsentHistory', { region, requestStatus: detail.status }) as never),
      accessReport: ability.can('download', subject('AccessReport', { region, requestStatus: detail.status, requestType: detail.type }) as never),
    },
  };
};

const fields = {
  verify: z.strictObject({ code: z.string().trim().regex(/^[0-9]{6}$/, 'six digits') }),
  deny: z.strictObject({ note: z.string().trim().min(3).max(500) }),
  extend: z.strictObject({ days: z.coerce.number().int().min(1).max(365), reason: z.string().trim().min(10).max(500) }),
};

async function formOf<T extends z.ZodType>(request: Request, schema: T): Promise<{ ok: true; value: z.infer<T> } | { ok: false; message: string }> {
  const form = await request.formData().catch(() => null);
  const parsed = schema.safeParse(Object.fromEntries([...(form?.entries() ?? [])].filter(([, v]) => typeof v === 'string')));
  if (!parsed.success) return { ok: false, message: `Check ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` };
  return { ok: true, value: parsed.data };
}

/** Runs one call on the region node; its typed refusal (403, 409, 422…) is shown on the page, never a crash. */
async function run<T>(locals: App.Locals, params: { region: string; id: string }, action: ConsoleAction, call: (node: ReturnType<typeof nodeAs>, requestId: string) => Promise<T>) {
  const { region, requestId } = target(locals, params, action);
  const r = await settle(() => call(nodeAs(locals, region), requestId));
  if (!r.ok) return { ok: false as const, failure: fail(r.failure.status, { error: r.failure.message }) };
  return { ok: true as const, value: r.value };
}

export const actions: Actions = {
  verify: async ({ locals, params, request }) => {
    const f = await formOf(request, fields.verify);
    if (!f.ok) return fail(400, { error: f.message });
    const r = await run(locals, params, 'verify', (node, requestId) => node.console.requests.verify.mutate({ requestId, code: f.value.code }));
    return r.ok ? { done: 'Identity verified: the code matches the one sent to the contact on file.' } : r.failure;
  },
  approve: async ({ locals, params }) => {
    const r = await run(locals, params, 'approve', (node, requestId) => node.console.requests.approve.mutate({ requestId }));
    return r.ok ? { done: 'Approved: the request is queued for execution.' } : r.failure;
  },
  deny: async ({ locals, params, request }) => {
    const f = await formOf(request, fields.deny);
    if (!f.ok) return fail(400, { error: f.message });
    const r = await run(locals, params, 'deny', (node, requestId) => node.console.requests.deny.mutate({ requestId, note: f.value.note }));
    return r.ok ? { done: 'Denied.' } : r.failure;
  },
  extend: async ({ locals, params, request }) => {
    const f = await formOf(request, fields.extend);
    if (!f.ok) return fail(400, { error: f.message });
    const r = await run(locals, params, 'extend', (node, requestId) => node.console.requests.extend.mutate({ requestId, days: f.value.days, reason: f.value.reason }));
    return r.ok ? { done: 'Deadline extended.' } : r.failure;
  },
  /** Shows the subject's decrypted data once (the node records the view on its ledger); never cached or kept. */
  subjectData: async ({ locals, params }) => {
    const r = await run(locals, params, 'read', (node, requestId) => node.console.requests.subjectData.mutate({ requestId }));
    return r.ok ? { subjectData: r.value } : r.failure;
  },
  consentHistory: async ({ locals, params }) => {
    const r = await run(locals, params, 'read', (node, requestId) => node.console.requests.consentHistory.mutate({ requestId }));
    return r.ok ? { consentHistory: r.value } : r.failure;
  },
};
