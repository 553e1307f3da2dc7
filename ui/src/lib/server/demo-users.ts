import { REGIONS } from '@meridian/core/policy/region-profile.ts';
import type { NewUser } from './console-users.ts';

/**
 * The local launch's demo accounts, one per role (README lists them). Their
 * passwords are public: they exist only when the console's configuration asks
 * for demo users, as `npm start` does.
 */
export const DEMO_USERS: readonly NewUser[] = [
  { email: 'dpo.eu@demo.meridian', name: 'Elena Weber (DPO, EU)', password: 'meridian-demo-dpo', grants: [{ role: 'dpo', region: 'eu' }] },
  { email: 'dpo.sea@demo.meridian', name: 'Siti Rahman (DPO, Southeast Asia)', password: 'meridian-demo-dpo', grants: [{ role: 'dpo', region: 'sea' }] },
  { email: 'dpo.me@demo.meridian', name: 'Omar Haddad (DPO, Middle East)', password: 'meridian-demo-dpo', grants: [{ role: 'dpo', region: 'me' }] },
  { email: 'operator@demo.meridian', name: 'Priya Nair (operator)', password: 'meridian-demo-operator', grants: REGIONS.map((region) => ({ role: 'operator' as const, region })) },
  { email: 'auditor@demo.meridian', name: 'Jonas Berg (auditor)', password: 'meridian-demo-auditor', grants: REGIONS.map((region) => ({ role: 'auditor' as const, region })) },
  { email: 'admin@demo.meridian', name: 'Admin', password: 'meridian-demo-admin', grants: REGIONS.map((region) => ({ role: 'admin' as const, region })) },
];
