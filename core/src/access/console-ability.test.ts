import { describe, it, expect } from 'vitest';
import { defineConsoleAbility } from './console-ability.ts';
import { authorize, authorizeType } from './authorize.ts';
import { CONSOLE_ACTIONS } from './console-action.ts';
import { CONSOLE_SUBJECT_TYPES, consoleSubject as subject } from './console-subject.ts';
import { OPEN_REQUEST_STATES } from './open-request-states.ts';

const CLOSED_REQUEST_STATES = ['completed', 'denied', 'forwarded', 'anything-else'];

const ability = (role: 'operator' | 'dpo' | 'auditor' | 'admin', region: 'eu' | 'sea' | 'me' = 'eu', userId = 'u-1') =>
  defineConsoleAbility({ userId, grants: [{ role, region }] });

describe('console abilities', () => {
  it('a DPO reads personal data only through an open request of their own region', () => {
    const dpo = ability('dpo', 'eu');
    for (const requestStatus of OPEN_REQUEST_STATES) {
      expect(dpo.can('read', subject('SubjectPersonalData', { region: 'eu', requestStatus }))).toBe(true);
      expect(dpo.can('read', subject('ConsentHistory', { region: 'eu', requestStatus }))).toBe(true);
      expect(dpo.can('read', subject('SubjectPersonalData', { region: 'sea', requestStatus }))).toBe(false);
    }
    for (const requestStatus of CLOSED_REQUEST_STATES) {
      expect(dpo.can('read', subject('SubjectPersonalData', { region: 'eu', requestStatus }))).toBe(false);
      expect(dpo.can('read', subject('ConsentHistory', { region: 'eu', requestStatus }))).toBe(false);
    }
    // Missing fields never satisfy a condition.
    expect(dpo.can('read', subject('SubjectPersonalData', { region: 'eu' } as never))).toBe(false);
    expect(dpo.can('download', subject('AccessReport', { region: 'eu', requestStatus: 'completed', requestType: 'access' }))).toBe(true);
    expect(dpo.can('download', subject('AccessReport', { region: 'eu', requestStatus: 'completed', requestType: 'erasure' }))).toBe(false);
    expect(dpo.can('download', subject('AccessReport', { region: 'eu', requestStatus: 'executing', requestType: 'access' }))).toBe(false);
  });

  it('no role but the DPO ever reads personal data, in any region or state; admin included', () => {
    const personal = ['SubjectPersonalData', 'ConsentHistory', 'AccessReport'] as const;
    for (const role of ['operator', 'auditor', 'admin'] as const) {
      const a = ability(role, 'eu');
      for (const type of personal) for (const action of CONSOLE_ACTIONS) expect(a.can(action, type)).toBe(false);
    }
  });

  it('an admin manages console users of their region, never their own account, and nothing else', () => {
    const admin = ability('admin', 'eu', 'admin-7');
    expect(admin.can('manage', subject('ConsoleUser', { region: 'eu', id: 'u-2' }))).toBe(true);
    expect(admin.can('create', subject('ConsoleUser', { region: 'eu', id: 'u-2' }))).toBe(true);
    expect(admin.can('manage', subject('ConsoleUser', { region: 'eu', id: 'admin-7' }))).toBe(false);
    expect(admin.can('manage', subject('ConsoleUser', { region: 'sea', id: 'u-2' }))).toBe(false);
    for (const type of CONSOLE_SUBJECT_TYPES) if (type !== 'ConsoleUser') for (const action of CONSOLE_ACTIONS) expect(admin.can(action, type)).toBe(false);
  });

  it('no role holds `manage` on node data (CASL would read it as every action)', () => {
    for (const role of ['operator', 'dpo', 'auditor', 'admin'] as const) {
      const a = ability(role);
      for (const type of CONSOLE_SUBJECT_TYPES) if (type !== 'ConsoleUser') expect(a.can('manage', type)).toBe(false);
      expect(a.can('read', 'all' as never)).toBe(false);
    }
  });

  it('grants do not leak across regions, and onlyRegion keeps one region’s rules', () => {
    const both = defineConsoleAbility({ userId: 'u', grants: [{ role: 'operator', region: 'sea' }, { role: 'dpo', region: 'eu' }] });
    expect(both.can('read', subject('NodeHealth', { region: 'sea' }))).toBe(true);
    expect(both.can('read', subject('NodeHealth', { region: 'eu' }))).toBe(false);
    const atEu = defineConsoleAbility({ userId: 'u', grants: [{ role: 'operator', region: 'sea' }, { role: 'dpo', region: 'eu' }] }, { onlyRegion: 'eu' });
    expect(atEu.can('read', 'NodeHealth')).toBe(false);
    expect(atEu.can('read', 'RightsRequest')).toBe(true);
    expect(defineConsoleAbility({ userId: 'u', grants: [] }).rules).toEqual([]);
  });

  it('authorize throws a typed FORBIDDEN without the subject’s data; authorizeType checks the type alone', () => {
    const op = ability('operator');
    expect(() => authorize(op, 'read', 'SubjectPersonalData', { region: 'eu', requestStatus: 'received' })).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN', status: 403, evidence: { action: 'read', subject: 'SubjectPersonalData' } }),
    );
    expect(() => authorize(op, 'read', 'NodeHealth', { region: 'eu' })).not.toThrow();
    expect(() => authorize(op, 'read', 'NodeHealth', { region: 'me' })).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => authorizeType(op, 'read', 'LedgerCheckpoint')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });
});
