// The ChaincodeStub double must be faithful where the contract relies on Fabric
// semantics; these pin each modelled behaviour.
import { describe, expect, test } from 'vitest';
import Long from 'long';
import { ChaincodeStubDouble, type TransactionInput } from './double/chaincode-stub-double.ts';
import { TxValidationCode, WorldState, compareKeys, type EndorsedTransaction } from './double/world-state.ts';

const creator = { mspid: 'EUMSP', idBytes: Buffer.from('cert') };
let n = 0;
function input(args: string[] = ['Fn'], over: Partial<TransactionInput> = {}): TransactionInput {
  n += 1;
  return {
    args: args.map((a) => Buffer.from(a)),
    txId: `tx${n}`,
    channelId: 'ch',
    creator,
    timestamp: new Date('2025-01-31T09:00:00.123Z'),
    peerMspId: 'EUMSP',
    ...over,
  };
}
const stubOn = (world: WorldState, over: Partial<TransactionInput> = {}): ChaincodeStubDouble => new ChaincodeStubDouble(world.snapshot(), input(['Fn'], over));
const txOf = (s: ChaincodeStubDouble): EndorsedTransaction => ({ txId: s.getTxID(), rwset: s.readWriteSet(), ...(s.chaincodeEvent() ? { event: s.chaincodeEvent()! } : {}) });
const str = (b: Uint8Array): string => Buffer.from(b).toString('utf8');

async function seed(world: WorldState, kv: Record<string, string>): Promise<void> {
  const s = stubOn(world);
  for (const [k, v] of Object.entries(kv)) await s.putState(k, Buffer.from(v));
  expect(world.commitBlock([txOf(s)])).toEqual([TxValidationCode.VALID]);
}

async function collect(it: AsyncIterable<{ key: string; value: Uint8Array }>): Promise<Array<[string, string]>> {
  const out: Array<[string, string]> = [];
  for await (const kv of it) out.push([kv.key, str(kv.value)]);
  return out;
}

describe('ChaincodeStubDouble: reads and writes', () => {
  test('a missing key reads as an empty byte array', async () => {
    const v = await stubOn(new WorldState()).getState('nope');
    expect(v).toBeInstanceOf(Uint8Array);
    expect(v.length).toBe(0);
  });

  test('no read-your-writes: a transaction does not see its own puts or deletes', async () => {
    const world = new WorldState();
    await seed(world, { a: '1' });
    const s = stubOn(world);
    await s.putState('a', Buffer.from('2'));
    await s.putState('b', Buffer.from('x'));
    await s.deleteState('a');
    expect(str(await s.getState('a'))).toBe('1');
    expect((await s.getState('b')).length).toBe(0);
    expect(await collect(s.getStateByRange('', ''))).toEqual([['a', '1']]);
  });

  test('writes apply only at commit; last write to a key wins; delete after put deletes', async () => {
    const world = new WorldState();
    const s = stubOn(world);
    await s.putState('k', Buffer.from('first'));
    await s.putState('k', Buffer.from('second'));
    await s.putState('gone', Buffer.from('x'));
    await s.deleteState('gone');
    expect(world.snapshot().get('k')).toBeUndefined();
    world.commitBlock([txOf(s)]);
    expect(str(world.snapshot().get('k')!.value)).toBe('second');
    expect(world.snapshot().get('gone')).toBeUndefined();
  });

  test('a simulation reads the snapshot it started from, even if a block commits meanwhile', async () => {
    const world = new WorldState();
    await seed(world, { a: '1' });
    const s = stubOn(world);
    await seed(world, { a: '2' });
    expect(str(await s.getState('a'))).toBe('1');
  });

  test('keys: empty or ill-formed UTF-16 refused; empty values refused', async () => {
    const s = stubOn(new WorldState());
    await expect(s.getState('')).rejects.toThrow(/non-empty/);
    await expect(s.putState('\ud800x', Buffer.from('v'))).rejects.toThrow(/UTF-8/);
    await expect(s.putState('k', new Uint8Array())).rejects.toThrow(/empty value/);
  });

  test('unmodelled APIs fail loudly rather than pretend', async () => {
    const s = stubOn(new WorldState());
    expect(() => s.getQueryResult()).toThrow(/not modelled/);
    expect(() => s.getPrivateData()).toThrow(/not modelled/);
  });
});

describe('ChaincodeStubDouble: range queries and composite keys', () => {
  test('range is [start, end) in UTF-8 byte order, not UTF-16 order', async () => {
    const world = new WorldState();
    // JS sorts U+1F600 (code unit D83D) before U+FF61; LevelDB's UTF-8 order is the reverse (EF BD A1 < F0 9F 98 80).
    const keys = ['b', 'a', 'k\u{1F600}', 'k\uff61', 'c'];
    await seed(world, Object.fromEntries(keys.map((k) => [k, k])));
    expect(['k\u{1F600}', 'k\uff61'].sort()).toEqual(['k\u{1F600}', 'k\uff61']);
    const got = (await collect(stubOn(world).getStateByRange('a', 'l'))).map(([k]) => k);
    expect(got).toEqual(['a', 'b', 'c', 'k\uff61', 'k\u{1F600}']);
    expect(compareKeys('k\uff61', 'k\u{1F600}')).toBeLessThan(0);
    expect((await collect(stubOn(world).getStateByRange('b', 'c'))).map(([k]) => k)).toEqual(['b']);
  });

  test('getStateByRange refuses composite keys like the shim; the iterator API works too', async () => {
    const world = new WorldState();
    await seed(world, { x: '1', y: '2' });
    const s = stubOn(world);
    const ck = s.createCompositeKey('t', ['a']);
    await expect(s.getStateByRange(ck, '')).rejects.toThrow(/null character/);
    const it = await s.getStateByRange('', '');
    const first = await it.next();
    expect(first.done).toBe(false);
    expect(first.value.key).toBe('x');
    await it.close();
  });

  test('composite keys: shim format, partial-key queries, split', async () => {
    const world = new WorldState();
    const s0 = stubOn(world);
    const k1 = s0.createCompositeKey('ref', ['eu', 'r1', '0001']);
    expect(k1).toBe('\x00ref\x00eu\x00r1\x000001\x00');
    expect(() => s0.createCompositeKey('ref', ['eu', ''])).toThrow(/non-zero length/);
    await seed(world, {
      [k1]: 'a',
      [s0.createCompositeKey('ref', ['eu', 'r1', '0002'])]: 'b',
      [s0.createCompositeKey('ref', ['eu', 'r10', '0003'])]: 'c',
      [s0.createCompositeKey('ref', ['sea', 'r1', '0004'])]: 'd',
      plain: 'p',
    });
    const s = stubOn(world);
    const found = await collect(s.getStateByPartialCompositeKey('ref', ['eu', 'r1']));
    expect(found.map(([, v]) => v)).toEqual(['a', 'b']);
    expect(s.splitCompositeKey(found[1]![0])).toEqual({ objectType: 'ref', attributes: ['eu', 'r1', '0002'] });
    // Simple-key range scans never see composite keys.
    expect((await collect(s.getStateByRange('', ''))).map(([k]) => k)).toEqual(['plain']);
  });
});

describe('ChaincodeStubDouble: validation at commit', () => {
  test('MVCC: two transactions endorsed on the same state; the second to commit is invalid', async () => {
    const world = new WorldState();
    await seed(world, { head: '0' });
    const a = stubOn(world);
    const b = stubOn(world);
    for (const s of [a, b]) {
      const v = Number(str(await s.getState('head')));
      await s.putState('head', Buffer.from(String(v + 1)));
    }
    expect(world.commitBlock([txOf(a), txOf(b)])).toEqual([TxValidationCode.VALID, TxValidationCode.MVCC_READ_CONFLICT]);
    expect(str(world.snapshot().get('head')!.value)).toBe('1');
  });

  test('MVCC: reading an absent key that another transaction creates conflicts', async () => {
    const world = new WorldState();
    const a = stubOn(world);
    expect((await a.getState('k')).length).toBe(0);
    await a.putState('k', Buffer.from('a'));
    await seed(world, { k: 'other' });
    expect(world.commitBlock([txOf(a)])).toEqual([TxValidationCode.MVCC_READ_CONFLICT]);
  });

  test('phantom reads: a key inserted into a scanned range invalidates the reader', async () => {
    const world = new WorldState();
    await seed(world, { 'r/1': 'x', 'r/3': 'y' });
    const reader = stubOn(world);
    expect(await collect(reader.getStateByRange('r/', 'r/~'))).toHaveLength(2);
    await reader.putState('out', Buffer.from('1'));
    await seed(world, { 'r/2': 'z' });
    expect(world.commitBlock([txOf(reader)])).toEqual([TxValidationCode.PHANTOM_READ_CONFLICT]);
  });

  test('phantom reads: a key added after the part of a range actually read does not matter', async () => {
    const world = new WorldState();
    await seed(world, { 'r/1': 'x', 'r/3': 'y' });
    const reader = stubOn(world);
    for await (const kv of reader.getStateByRange('r/', 'r/~')) {
      expect(kv.key).toBe('r/1');
      break;
    }
    await reader.putState('out', Buffer.from('1'));
    await seed(world, { 'r/4': 'z' });
    expect(world.commitBlock([txOf(reader)])).toEqual([TxValidationCode.VALID]);
  });

  test('a transaction id commits once', async () => {
    const world = new WorldState();
    const a = stubOn(world, { txId: 'same' });
    await a.putState('k', Buffer.from('1'));
    expect(world.commitBlock([txOf(a), txOf(a)])).toEqual([TxValidationCode.VALID, TxValidationCode.DUPLICATE_TXID]);
  });

  test('events: one per transaction (last setEvent wins), delivered only if valid', async () => {
    const world = new WorldState();
    await seed(world, { head: '0' });
    const a = stubOn(world);
    const b = stubOn(world);
    for (const s of [a, b]) {
      await s.getState('head');
      await s.putState('head', Buffer.from('1'));
      s.setEvent('first', Buffer.from('1'));
      s.setEvent('appended', Buffer.from(s.getTxID()));
    }
    expect(() => a.setEvent('', Buffer.from(''))).toThrow(/non-empty/);
    world.commitBlock([txOf(a), txOf(b)]);
    expect(world.events.map((e) => [e.eventName, str(e.payload)])).toEqual([['appended', a.getTxID()]]);
  });
});

describe('ChaincodeStubDouble: transaction facts', () => {
  test('timestamp is { seconds: unsigned Long, nanos } from the proposal; args split like the shim', () => {
    const s = new ChaincodeStubDouble(new WorldState().snapshot(), input(['Append', 'eu', '0']));
    const ts = s.getTxTimestamp();
    expect(Long.isLong(ts.seconds)).toBe(true);
    expect(ts.seconds.unsigned).toBe(true);
    expect(ts.seconds.toNumber()).toBe(Date.parse('2025-01-31T09:00:00Z') / 1000);
    expect(ts.nanos).toBe(123_000_000);
    expect(s.getFunctionAndParameters()).toEqual({ fcn: 'Append', params: ['eu', '0'] });
    expect(s.getBufferArgs().map(String)).toEqual(['Append', 'eu', '0']);
    expect(s.getCreator().mspid).toBe('EUMSP');
  });
});
