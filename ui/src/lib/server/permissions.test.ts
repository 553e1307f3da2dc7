import { describe, expect, it } from 'vitest';
import { abilityFor, regionsWhere } from './permissions.ts';
import { navFor } from './console-nav.ts';

describe('console pages per role (core/src/access rules)', () => {
  it('opens each role only its pages, in its regions only', () => {
    const dpo = abilityFor('u1', [{ role: 'dpo', region: 'eu' }]);
    expect(navFor(dpo).map((n) => n.href)).toEqual(['/requests', '/data-map']);
    expect(regionsWhere(dpo, 'approve', 'RightsRequest')).toEqual(['eu']);
    const operator = abilityFor('u2', [{ role: 'operator', region: 'sea' }, { role: 'operator', region: 'me' }]);
    expect(navFor(operator).map((n) => n.href)).toEqual(['/nodes', '/training']);
    expect(regionsWhere(operator, 'read', 'RightsRequest')).toEqual([]);
    expect(regionsWhere(operator, 'read', 'NodeHealth')).toEqual(['sea', 'me']);
    const auditor = abilityFor('u3', [{ role: 'auditor', region: 'me' }]);
    expect(navFor(auditor).map((n) => n.href)).toEqual(['/requests', '/training', '/checkpoints', '/verify', '/data-map']);
    expect(regionsWhere(auditor, 'approve', 'RightsRequest')).toEqual([]);
    expect(navFor(abilityFor('u4', [{ role: 'admin', region: 'eu' }])).map((n) => n.href)).toEqual(['/users']);
    expect(navFor(abilityFor('u5', []))).toEqual([]);
  });
});
