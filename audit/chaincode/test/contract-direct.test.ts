// The contract's methods called directly with a Context built from the
// ChaincodeStub double and the ClientIdentity double (no fabric-shim
// dispatcher): shows what each method reads and writes inside one transaction.
import './double/quiet-logs.ts';
import { describe, expect, test } from 'vitest';
import { Context } from 'fabric-contract-api';
import { MeridianLedgerContract } from '../src/contract.ts';
import { LedgerContractError } from '../src/errors.ts';
import { keys } from '../src/keys.ts';
import { ChaincodeStubDouble } from './double/chaincode-stub-double.ts';
import { ClientIdentityDouble } from './double/client-identity-double.ts';
import { TxValidationCode, WorldState } from './double/world-state.ts';
import { TEST_CONFIG } from './double/peer-double.ts';
import { b64, makeLeaves } from './helpers.ts';

let txn = 0;
function tx(world: WorldState, mspId: string, fcn = 'Fn') {
  const stub = new ChaincodeStubDouble(world.snapshot(), {
    args: [Buffer.from(fcn)],
    txId: `direct-${++txn}`,
    channelId: 'meridian-audit',
    creator: { mspid: mspId, idBytes: Buffer.from('unused by the identity double') },
    timestamp: new Date('2025-01-31T09:00:00.000Z'),
    peerMspId: 'EUMSP',
  });
  const ctx = new Context();
  ctx.stub = stub;
  ctx.clientIdentity = new ClientIdentityDouble(mspId);
  const commit = () => world.commitBlock([{ txId: stub.getTxID(), rwset: stub.readWriteSet(), ...(stub.chaincodeEvent() ? { event: stub.chaincodeEvent()! } : {}) }]);
  return { stub, ctx, commit };
}

const contract = new MeridianLedgerContract();
const leaves = (from: number, n: number) => JSON.stringify(makeLeaves('eu', from, n).map(b64));

async function configured(): Promise<WorldState> {
  const world = new WorldState();
  const t = tx(world, 'EUMSP');
  await contract.InitConfig(t.ctx, JSON.stringify(TEST_CONFIG));
  expect(t.commit()).toEqual([TxValidationCode.VALID]);
  return world;
}

describe('contract called directly', () => {
  test('an append reads config and head, writes leaves, nodes, refs and head, emits one event', async () => {
    const world = await configured();
    const t = tx(world, 'EUMSP');
    await contract.Append(t.ctx, 'eu', '0', leaves(0, 3));
    const rw = t.stub.readWriteSet();
    expect(rw.reads.map((r) => r.key).sort()).toEqual([keys.config, keys.head('eu')].sort());
    const written = rw.writes.map((w) => w.key);
    expect(written.filter((k) => k.startsWith('ml/leaf/eu/'))).toHaveLength(3);
    // 3 leaf hashes + the node over leaves 0-1.
    expect(written.filter((k) => k.startsWith('ml/node/eu/'))).toEqual([keys.node('eu', 0, 0), keys.node('eu', 0, 1), keys.node('eu', 0, 2), keys.node('eu', 1, 0)]);
    expect(written.filter((k) => k.startsWith('\x00meridian.ledger.ref\x00'))).toHaveLength(3);
    expect(written).toContain(keys.head('eu'));
    expect(t.stub.chaincodeEvent()?.name).toBe('meridian.ledger.appended');
    expect(t.commit()).toEqual([TxValidationCode.VALID]);
  });

  test('no read-your-writes: a second Append in the same transaction still sees size 0', async () => {
    const world = await configured();
    const t = tx(world, 'EUMSP');
    await contract.Append(t.ctx, 'eu', '0', leaves(0, 2));
    // Fabric would let the chaincode call this, but it reads the committed head (size 0):
    const err = await contract.Append(t.ctx, 'eu', '2', leaves(2, 1)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LedgerContractError);
    expect((err as LedgerContractError).code).toBe('INDEX_GAP');
  });

  test('authorisation uses the ClientIdentity MSP id', async () => {
    const world = await configured();
    for (const msp of ['SEAMSP', 'MEMSP', 'RogueMSP', 'eumsp']) {
      const t = tx(world, msp);
      const err = await contract.Append(t.ctx, 'eu', '0', leaves(0, 1)).catch((e: unknown) => e);
      expect((err as LedgerContractError).code, msp).toBe('FORBIDDEN');
      expect(t.stub.readWriteSet().writes).toEqual([]);
    }
  });

  test('queries only read', async () => {
    const world = await configured();
    const a = tx(world, 'EUMSP');
    await contract.Append(a.ctx, 'eu', '0', leaves(0, 5));
    a.commit();
    const q = tx(world, 'SEAMSP');
    const proof = JSON.parse(await contract.GetInclusionProof(q.ctx, 'eu', '3', '5'));
    expect(proof.hashes).toHaveLength(3);
    await contract.GetEntries(q.ctx, 'eu', '0', '5');
    expect(q.stub.readWriteSet().writes).toEqual([]);
    expect(q.stub.chaincodeEvent()).toBeUndefined();
  });
});
