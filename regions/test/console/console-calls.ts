import { CONSOLE_ROLES } from '@meridian/core/access/console-role.ts';
import { REGIONS } from '@meridian/core/policy/region-profile.ts';
import { CANARIES, type consoleNode, type ConsoleUser } from './console-fixture.ts';

type Fixture = Awaited<ReturnType<typeof consoleNode>>;

/**
 * How each procedure is called, per request state where the state matters.
 * `allowedInState: false` marks a state in which even the right role is
 * refused (personal data outside an open request).
 */
export interface Variant {
  state: string;
  input: (fx: Fixture) => Promise<unknown>;
  allowedInState?: boolean;
  /** The request whose state a refused call must leave unchanged. */
  requestOf?: (input: unknown) => string;
}
const byId = (pick: (fx: Fixture) => string | Promise<string>) => async (fx: Fixture) => ({ requestId: await pick(fx) });
const idOf = (input: unknown) => (input as { requestId: string }).requestId;
export const VARIANTS: Record<string, Variant[]> = {
  'requests.queue': [{ state: '-', input: async () => ({ limit: 10 }) }],
  'requests.get': [
    { state: 'open', input: byId((fx) => fx.requests.received) },
    { state: 'closed', input: byId((fx) => fx.requests.denied) },
  ],
  'requests.subjectData': [
    { state: 'received', input: byId((fx) => fx.requests.received) },
    { state: 'verified', input: byId((fx) => fx.requests.verified) },
    { state: 'denied', input: byId((fx) => fx.requests.denied), allowedInState: false },
    { state: 'completed', input: byId((fx) => fx.requests.completedAccess), allowedInState: false },
  ],
  'requests.consentHistory': [
    { state: 'received', input: byId((fx) => fx.requests.received) },
    { state: 'verified', input: byId((fx) => fx.requests.verified) },
    { state: 'denied', input: byId((fx) => fx.requests.denied), allowedInState: false },
    { state: 'completed', input: byId((fx) => fx.requests.completedAccess), allowedInState: false },
  ],
  'requests.create': [{ state: '-', input: async () => ({ type: 'access', externalId: CANARIES.bo.externalId, contact: { channel: 'email', value: CANARIES.bo.email } }) }],
  'requests.verify': [{ state: 'received', input: async (fx) => ({ requestId: await fx.fresh.received(), code: fx.fresh.code() }), requestOf: idOf }],
  'requests.approve': [{ state: 'verified', input: byId((fx) => fx.fresh.verified()), requestOf: idOf }],
  'requests.deny': [{ state: 'received', input: async (fx) => ({ requestId: await fx.fresh.received(), note: 'not a customer of ours' }), requestOf: idOf }],
  'requests.extend': [{ state: 'received', input: async (fx) => ({ requestId: await fx.fresh.received(), days: 30, reason: 'four systems to search for this customer' }), requestOf: idOf }],
  'requests.execute': [{ state: '-', input: async () => ({ maxBatches: 2 }) }],
  'requests.certificate': [{ state: 'closed', input: byId((fx) => fx.requests.denied) }],
  'requests.accessReport': [
    { state: 'completed', input: byId((fx) => fx.requests.completedAccess) },
    { state: 'open', input: byId((fx) => fx.requests.verified), allowedInState: false },
  ],
  dataMap: [{ state: '-', input: async () => undefined }],
  'stats.health': [{ state: '-', input: async () => undefined }],
  'stats.traffic': [{ state: '-', input: async () => ({ epsilon: 0.2 }) }],
  'training.rounds': [{ state: '-', input: async () => ({}) }],
  'training.models': [{ state: '-', input: async () => undefined }],
  'training.budgets': [{ state: '-', input: async () => undefined }],
  'ledger.checkpoints': [{ state: '-', input: async () => ({ limit: 5 }) }],
  'ledger.evidence': [{ state: '-', input: async (fx) => ({ refId: fx.requests.denied }) }],
};

/** Every role in every region, one user each, plus a user with no grant and one whose grants are split across regions. */
export const USERS: ConsoleUser[] = [
  ...CONSOLE_ROLES.flatMap((role) => REGIONS.map((region) => ({ id: `${role}-${region}`, grants: [{ role, region }] }))),
  { id: 'nobody', grants: [] },
  { id: 'mixed', grants: [{ role: 'dpo', region: 'sea' }, { role: 'auditor', region: 'me' }, { role: 'operator', region: 'eu' }] },
];
