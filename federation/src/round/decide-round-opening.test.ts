import { describe, expect, it } from 'vitest';
import { decideRoundOpening, type OpeningState } from './decide-round-opening.ts';

const base: OpeningState = { participants: ['eu', 'me', 'sea'], present: [], minParticipants: 2, maxParticipants: 3, quorumSince: null, joinWindowMs: 5000, round: 1 };

describe('decideRoundOpening', () => {
  it('waits without a quorum, however long', () => {
    expect(decideRoundOpening({ ...base, present: ['eu'] }, 1e9)).toEqual({ action: 'wait', until: null });
  });

  it('opens at once when everyone is present', () => {
    expect(decideRoundOpening({ ...base, present: ['sea', 'eu', 'me'], quorumSince: 0 }, 0)).toEqual({ action: 'open', invited: ['eu', 'me', 'sea'] });
  });

  it('gives latecomers the join window, then opens with the quorum', () => {
    const s = { ...base, present: ['eu', 'sea'], quorumSince: 1000 };
    expect(decideRoundOpening(s, 2000)).toEqual({ action: 'wait', until: 6000 });
    expect(decideRoundOpening(s, 6000)).toEqual({ action: 'open', invited: ['eu', 'sea'] });
  });

  it('ignores present regions that are not participants', () => {
    expect(decideRoundOpening({ ...base, present: ['eu', 'us'], quorumSince: 0 }, 1e9)).toEqual({ action: 'wait', until: null });
  });

  it('rotates who sits out when more are present than maxParticipants', () => {
    const invited = new Set<string>();
    for (let round = 1; round <= 12; round++) {
      const d = decideRoundOpening({ ...base, maxParticipants: 2, present: ['eu', 'me', 'sea'], round }, 0);
      expect(d.action).toBe('open');
      if (d.action === 'open') {
        expect(d.invited).toHaveLength(2);
        expect(decideRoundOpening({ ...base, maxParticipants: 2, present: ['eu', 'me', 'sea'], round }, 0)).toEqual(d);
        for (const r of d.invited) invited.add(r);
      }
    }
    expect([...invited].sort()).toEqual(['eu', 'me', 'sea']);
  });
});
