import { describe, expect, it } from 'vitest';
import { decideFitPhase } from './decide-fit-phase.ts';

const invited = ['eu', 'me', 'sea'];

describe('decideFitPhase', () => {
  it('waits for the silent ones until the deadline', () => {
    expect(decideFitPhase({ invited, submitted: ['eu', 'sea'], reported: {}, deadline: 1000 }, 2, 999)).toEqual({ action: 'wait', until: 1000 });
  });

  it('aggregates the survivors at the deadline, the silent ones failing as timeouts', () => {
    expect(decideFitPhase({ invited, submitted: ['sea', 'eu'], reported: {}, deadline: 1000 }, 2, 1000)).toEqual({
      action: 'aggregate',
      contributors: ['eu', 'sea'],
      failures: { me: 'timeout' },
    });
  });

  it('decides as soon as everyone answered, failures included', () => {
    expect(decideFitPhase({ invited, submitted: ['eu', 'sea'], reported: { me: 'reported:budget_exceeded' }, deadline: 1000 }, 2, 10)).toEqual({
      action: 'aggregate',
      contributors: ['eu', 'sea'],
      failures: { me: 'reported:budget_exceeded' },
    });
  });

  it('fails below the quorum at the deadline', () => {
    expect(decideFitPhase({ invited, submitted: ['eu'], reported: {}, deadline: 1000 }, 2, 1000)).toEqual({
      action: 'fail',
      reason: 'too_few_updates',
      contributors: ['eu'],
      failures: { me: 'timeout', sea: 'timeout' },
    });
  });

  it('fails early once the quorum cannot be reached any more', () => {
    expect(decideFitPhase({ invited, submitted: [], reported: { eu: 'reported:x', me: 'reported:y' }, deadline: 1000 }, 2, 10)).toEqual({
      action: 'fail',
      reason: 'too_few_updates',
      contributors: [],
      failures: { eu: 'reported:x', me: 'reported:y', sea: 'not_waited_for' },
    });
  });

  it('ignores updates from regions that were not invited', () => {
    expect(decideFitPhase({ invited: ['eu', 'me'], submitted: ['eu', 'sea'], reported: {}, deadline: 1000 }, 2, 1000)).toMatchObject({ action: 'fail', contributors: ['eu'] });
  });
});
