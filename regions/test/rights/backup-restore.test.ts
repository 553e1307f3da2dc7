import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIALECTS } from '../../../test/databases.ts';
import { ingestAtomically } from '../../src/ingest/ingest-batch.ts';
import { runRightsWorker } from '../../src/rights/run-rights-worker.ts';
import { writeBackup } from '../../src/rights/backup/write-backup.ts';
import { restoreBackup } from '../../src/rights/backup/restore-backup.ts';
import { createRegionCaller } from '../../src/server/region-router.ts';
import { testNode, record } from '../node-fixture.ts';
import { approvedRequest, memoryNotifier } from './rights-fixture.ts';

describe.each(DIALECTS)('backup and restore on %s', (dialect) => {
  let node: Awaited<ReturnType<typeof testNode>>;
  const dir = mkdtempSync(join(tmpdir(), 'meridian-backup-'));
  beforeAll(async () => {
    node = await testNode('eu', dialect);
  });
  afterAll(async () => {
    await node?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('restoring a backup taken before an erasure does not bring the subject back: not readable, not served', async () => {
    const gone = { externalId: 'cust-restore-gone', email: 'restore-gone@example.org', name: 'Restore Gonewxq' };
    const kept = { externalId: 'cust-restore-kept', email: 'restore-kept@example.org', name: 'Restore Kept' };
    const [g] = await ingestAtomically(node, [record('eu', { subject: gone, consents: [{ purpose: 'analytics', granted: true }] })]);
    const [k] = await ingestAtomically(node, [record('eu', { subject: kept, consents: [{ purpose: 'analytics', granted: true }] })]);
    const manifest = await writeBackup(node, dir);
    expect(manifest.tables.subjects).toBe(2);
    // Keys live in their own file, apart from the data.
    expect(readFileSync(join(dir, 'data.ndjson'), 'utf8')).not.toContain('"t":"subject_keys"');
    expect(readFileSync(join(dir, 'keys.ndjson'), 'utf8').trim().split('\n')).toHaveLength(2);

    const notifier = memoryNotifier();
    const requestId = await approvedRequest(node, notifier, { type: 'erasure', externalId: gone.externalId, contact: { channel: 'email', value: gone.email } });
    await runRightsWorker(node);
    const ledgerSize = await node.ledger.size();

    const report = await restoreBackup(node, dir);
    expect(report.reErased).toBe(1);
    const ids = (await node.db.selectFrom('subjects').select('id').execute()).map((r) => r.id);
    expect(ids).toEqual([k!.subjectId]);
    expect(await node.db.selectFrom('subject_keys').select('subject_id').where('subject_id', '=', g!.subjectId).execute()).toEqual([]);
    expect(await node.db.selectFrom('messages').select('id').where('subject_id', '=', g!.subjectId).execute()).toEqual([]);
    expect(await node.db.selectFrom('ledger_salts').select('commitment').where('subject_id', '=', g!.subjectId).execute()).toEqual([]);
    // The audit log is not rewound, and the request is still completed.
    expect(await node.ledger.size()).toBe(ledgerSize);
    const caller = createRegionCaller({ node, caller: { kind: 'service', name: 'console' } });
    expect((await caller.rights.get({ requestId })).status).toBe('completed');
    await expect(caller.consent.history({ externalId: gone.externalId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await caller.consent.history({ externalId: kept.externalId })).toHaveLength(1);
    // The kept subject is whole and readable after the restore.
    const [again] = await ingestAtomically(node, [record('eu', { subject: kept })]);
    expect(again!.subjectId).toBe(k!.subjectId);
  });
});
