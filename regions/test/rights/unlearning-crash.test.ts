import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeLeaf } from '@meridian/audit/ledger/decode-leaf.ts';
import { keyringFromFile, newKeyringFile } from '@meridian/core/crypto/region-keyring.ts';
import type { Region } from '@meridian/core/policy/region-profile.ts';
import { initWeights } from '@meridian/federation/model/init-weights.ts';
import { freshDatabase, type TestDatabase } from '../../../test/databases.ts';
import { createTestPki } from '../../../federation/test/coordinator/support/test-pki.ts';
import { trainOverProtocol } from '../../../federation/test/unlearning/support/train-over-protocol.ts';
import { ingestAtomically } from '../../src/ingest/ingest-batch.ts';
import { openRegionNode, type OpenedRegionNode } from '../../src/node/open-region-node.ts';
import { runRightsWorker } from '../../src/rights/run-rights-worker.ts';
import { approvedRequest, memoryNotifier } from './rights-fixture.ts';
import { CODEC, launcherStrategy, nodeTrainer, ROUNDS, seedCorpus, TINY_SPEC, trainingCustomer } from './unlearning-fixture.ts';

const WORKER = fileURLToPath(new URL('./fixtures/unlearning-worker-process.ts', import.meta.url));

/** Runs the worker process; with `killAt`, SIGKILLs it as soon as it has printed that event (it pauses there). */
function runWorker(config: object, killAt?: string): Promise<{ lines: Record<string, unknown>[]; killed: boolean }> {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-unlearn-crash-'));
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify({ ...config, ...(killAt ? { pauseAt: killAt } : {}) }), { mode: 0o600 });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER, file], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, LOG_LEVEL: 'silent' } });
    const lines: Record<string, unknown>[] = [];
    let killed = false;
    let buf = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buf += chunk;
      for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
        const line = JSON.parse(buf.slice(0, nl)) as Record<string, unknown>;
        buf = buf.slice(nl + 1);
        lines.push(line);
        const name = 'round' in line ? `round:${line.round}` : 'retrained' in line ? 'retrained' : '';
        if (killAt && name === killAt && !killed) {
          killed = true;
          child.kill('SIGKILL');
        }
      }
    });
    child.once('error', reject);
    child.once('exit', () => resolve({ lines, killed }));
  });
}

describe('unlearning crash safety on postgres (kill -9 of the worker process)', () => {
  it('killed mid-replay and again after the coordinator committed, it resumes where it was and completes once', async () => {
    const pki = createTestPki(['eu', 'sea']);
    const dbs: TestDatabase[] = [];
    const nodes = {} as Record<'eu' | 'sea', OpenedRegionNode>;
    const keyrings = { eu: newKeyringFile(), sea: newKeyringFile() };
    try {
      for (const region of ['eu', 'sea'] as const) {
        const t = await freshDatabase('postgres');
        dbs.push(t);
        nodes[region] = await openRegionNode({ region, database: t, keyring: keyringFromFile(keyrings[region]) });
      }
      const coordinator = await freshDatabase('postgres');
      const control = await freshDatabase('postgres');
      dbs.push(coordinator, control);
      await seedCorpus(nodes.eu, 'eu', 12);
      await seedCorpus(nodes.sea, 'sea', 10);
      const erased = ['crash-x1', 'crash-x2', 'crash-x3'].map((externalId) => ({ externalId, email: `${externalId}@example.org` }));
      for (const x of erased) await ingestAtomically(nodes.eu, trainingCustomer('eu' as Region, x.externalId, { email: x.email }));
      const train = async (db: TestDatabase, recordLineage: boolean) =>
        (await trainOverProtocol({ db: db.db, pki, initialWeights: initWeights(TINY_SPEC, 1), strategy: launcherStrategy(ROUNDS), rounds: ROUNDS, secure: true, codec: CODEC, trainers: { eu: nodeTrainer(nodes.eu, 'eu', { recordLineage }), sea: nodeTrainer(nodes.sea, 'sea', { recordLineage }) } })).modelHash;
      await train(coordinator, true);

      // Three erasures in one batch.
      const notifier = memoryNotifier();
      const requestIds: string[] = [];
      for (const x of erased) requestIds.push(await approvedRequest(nodes.eu, notifier, { type: 'erasure', externalId: x.externalId, contact: { channel: 'email', value: x.email } }));
      expect((await runRightsWorker(nodes.eu)).completed).toBe(3);
      const controlHash = await train(control, false);

      const config = { eu: { url: dbs[0]!.url, keyring: keyrings.eu }, sea: { url: dbs[1]!.url, keyring: keyrings.sea }, coordinator: coordinator.url };
      const coordinatorRuns = () => coordinator.db.selectFrom('federation_unlearning_runs').selectAll().execute();
      const regionRuns = () => nodes.eu.db.selectFrom('unlearning_runs').selectAll().execute();

      // 1. Killed right after round 2 of the replay committed.
      const first = await runWorker(config, 'round:2');
      expect(first.killed).toBe(true);
      expect(first.lines.filter((l) => 'round' in l).map((l) => l.round)).toEqual([1, 2]);
      expect((await coordinatorRuns()).map((r) => [r.status, r.rounds.map((x) => x.round)])).toEqual([['retraining', [1, 2]]]);
      expect((await regionRuns()).map((r) => [r.step, r.requests])).toEqual([['retrain', 3]]);

      // 2. The next worker resumes at round 3 (rounds 1 and 2 are not retrained), and is killed after the coordinator committed.
      const second = await runWorker(config, 'retrained');
      expect(second.killed).toBe(true);
      expect(second.lines.filter((l) => 'round' in l).map((l) => l.round)).toEqual([3]);
      expect((await coordinatorRuns()).map((r) => [r.status, r.rounds.map((x) => x.round), r.model_hash])).toEqual([['committed', [1, 2, 3], controlHash]]);
      expect((await regionRuns()).map((r) => r.step)).toEqual(['retrain']);

      // 3. The last worker finds the committed run, retrains nothing, and finishes the region's side once.
      const third = await runWorker(config);
      expect(third.killed).toBe(false);
      expect(third.lines.filter((l) => 'round' in l)).toEqual([]);
      expect(third.lines.at(-1)).toMatchObject({ report: { runs: 1, retrained: 1, requests: 3 } });

      expect((await coordinator.db.selectFrom('federation_checkpoints').select('model_hash').executeTakeFirstOrThrow()).model_hash).toBe(controlHash);
      expect((await regionRuns()).map((r) => [r.step, (r.outcome as { modelHash?: string }).modelHash])).toEqual([['done', controlHash]]);
      expect((await nodes.eu.db.selectFrom('unlearning_requests').select('status').execute()).map((r) => r.status)).toEqual(['done', 'done', 'done']);
      for (const id of requestIds) {
        const proofs = (await nodes.eu.ledger.entriesByRef(id)).map((e) => decodeLeaf(e.leaf)).filter((l) => l.meta?.action === 'unlearned');
        expect(proofs.map((l) => l.meta?.modelOut)).toEqual([controlHash]);
      }
      // Nothing is left to do, and doing it again changes nothing.
      const fourth = await runWorker(config);
      expect(fourth.lines.at(-1)).toMatchObject({ report: { runs: 0 } });
      expect(await coordinatorRuns()).toHaveLength(1);
    } finally {
      for (const n of Object.values(nodes)) await n.close();
      for (const t of dbs) await t.close();
    }
  }, 180_000);
});
