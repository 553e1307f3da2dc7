import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIALECTS } from '../../../test/databases.ts';
import { ingestAtomically } from '../../src/ingest/ingest-batch.ts';
import { runRightsWorker } from '../../src/rights/run-rights-worker.ts';
import { writeBackup } from '../../src/rights/backup/write-backup.ts';
import { restoreBackup } from '../../src/rights/backup/restore-backup.ts';
import { nextUnlearningBatch, residualDeadline } from '../../src/rights/unlearning/unlearning-policy.ts';
import { trainingLineage } from '../../src/training/training-lineage.repository.ts';
import { testNode } from '../node-fixture.ts';
import { approvedRequest, memoryNotifier } from './rights-fixture.ts';
import { trainingCustomer } from './unlearning-fixture.ts';

describe('the nightly unlearning batch', () => {
  it('is the next 02:00 UTC strictly after the erasure; the residual deadline adds the retrain allowance', () => {
    expect(nextUnlearningBatch(new Date('2026-11-20T01:59:59Z')).toISOString()).toBe('2026-11-20T02:00:00.000Z');
    expect(nextUnlearningBatch(new Date('2026-11-20T02:00:00Z')).toISOString()).toBe('2026-11-21T02:00:00.000Z');
    expect(nextUnlearningBatch(new Date('2026-12-31T23:30:00Z')).toISOString()).toBe('2027-01-01T02:00:00.000Z');
    expect(residualDeadline(new Date('2026-11-21T02:00:00Z')).toISOString()).toBe('2026-11-21T08:00:00.000Z');
    // Worst case: just after a batch, 24 h + 6 h.
    const erasedAt = new Date('2026-11-20T02:00:01Z');
    expect((residualDeadline(nextUnlearningBatch(erasedAt)).getTime() - erasedAt.getTime()) / 3_600_000).toBeCloseTo(30, 3);
  });
});

describe.each(DIALECTS)('owed unlearning on %s', (dialect) => {
  let node: Awaited<ReturnType<typeof testNode>>;
  const dir = mkdtempSync(join(tmpdir(), 'meridian-unlearning-backup-'));
  beforeAll(async () => {
    node = await testNode('eu', dialect);
  });
  afterAll(async () => {
    await node?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('survives restoring a backup taken before the erasure, which the restore erases again', async () => {
    const email = 'owed-restore@example.org';
    const [m] = await ingestAtomically(node, trainingCustomer('eu', 'owed-restore', { email }));
    await trainingLineage.record(node.db, 'intent', 1, new Map([[m!.subjectId, 3]]), node.now());
    await writeBackup(node, dir);
    // Trained again after the backup: only the live queue knows this round is owed.
    await trainingLineage.record(node.db, 'sentiment', 2, new Map([[m!.subjectId, 1]]), node.now());
    const requestId = await approvedRequest(node, memoryNotifier(), { type: 'erasure', externalId: 'owed-restore', contact: { channel: 'email', value: email } });
    expect((await runRightsWorker(node)).completed).toBe(1);
    const owed = async () => (await node.db.selectFrom('unlearning_requests').select(['request_id', 'federation', 'from_round', 'rounds', 'messages', 'status']).orderBy('federation').execute());
    const expected = [
      { request_id: requestId, federation: 'intent', from_round: 1, rounds: [1], messages: 3, status: 'pending' },
      { request_id: requestId, federation: 'sentiment', from_round: 2, rounds: [2], messages: 1, status: 'pending' },
    ];
    expect(await owed()).toEqual(expected);

    // The backup still holds the subject and part of their lineage; restoring it must not lose what the models owe.
    const report = await restoreBackup(node, dir);
    expect(report.reErased).toBe(1);
    expect(await owed()).toEqual(expected);
    expect(await trainingLineage.roundsOf(node.db, m!.subjectId)).toEqual([]);
  });
});
