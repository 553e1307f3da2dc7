// The chaincode restates audit's leaf rules (it cannot import the ESM
// workspace). Both must reach the same verdict on the same bytes.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { encodeLeaf } from '../../src/ledger/encode-leaf.ts';
import { decodeLeaf } from '../../src/ledger/decode-leaf.ts';
import { LEDGER_EVENT_TYPES } from '../../src/ledger/ledger-event-type.ts';
import { LEAF_EVENT_TYPES, inspectLeaf } from '../src/leaf.ts';
import { LedgerContractError } from '../src/errors.ts';

const verdictAudit = (bytes: Uint8Array): string | null => {
  try {
    return decodeLeaf(bytes).region;
  } catch {
    return null;
  }
};
const verdictChaincode = (bytes: Uint8Array, region: string): boolean => {
  try {
    inspectLeaf(bytes, region, 0);
    return true;
  } catch (e) {
    expect(e).toBeInstanceOf(LedgerContractError);
    expect((e as LedgerContractError).code).toBe('MALFORMED');
    return false;
  }
};

const leafArb = fc.record({
  type: fc.constantFrom(...LEDGER_EVENT_TYPES),
  region: fc.constantFrom('eu', 'sea', 'me', 'coordinator'),
  ms: fc.integer({ min: 0, max: 4_000_000_000_000 }),
  refId: fc.stringMatching(/^[A-Za-z0-9._:-]{1,40}$/),
  commitment: fc.uint8Array({ minLength: 32, maxLength: 32 }),
  meta: fc.dictionary(fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,10}$/), fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean()), { maxKeys: 5 }),
});

describe('chaincode leaf check agrees with audit encodeLeaf/decodeLeaf', () => {
  test('same list of event types', () => {
    expect([...LEAF_EVENT_TYPES]).toEqual([...LEDGER_EVENT_TYPES]);
  });

  test('every leaf audit encodes is accepted, with the right refId; wrong region refused', () => {
    fc.assert(
      fc.property(leafArb, (l) => {
        let bytes: Uint8Array;
        try {
          bytes = encodeLeaf({ v: 1, type: l.type, region: l.region, time: new Date(l.ms).toISOString(), refId: l.refId, commitment: l.commitment, meta: l.meta });
        } catch {
          return; // audit refuses (e.g. an '@' in a meta string); covered by the mutation property
        }
        expect(inspectLeaf(bytes, l.region, 0).refId).toBe(l.refId);
        expect(verdictChaincode(bytes, l.region === 'eu' ? 'sea' : 'eu')).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  test('on mutated bytes both accept or both refuse', () => {
    fc.assert(
      fc.property(leafArb, fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('flip', 'drop', 'insert'), (l, at, byte, how) => {
        let bytes: Buffer;
        try {
          bytes = Buffer.from(encodeLeaf({ v: 1, type: l.type, region: l.region, time: new Date(l.ms).toISOString(), refId: l.refId, commitment: l.commitment, meta: l.meta }));
        } catch {
          return;
        }
        const i = at % bytes.length;
        const mutated =
          how === 'flip' ? Buffer.from(bytes.map((b, k) => (k === i ? b ^ (byte || 1) : b)))
          : how === 'drop' ? Buffer.concat([bytes.subarray(0, i), bytes.subarray(i + 1)])
          : Buffer.concat([bytes.subarray(0, i), Buffer.of(byte), bytes.subarray(i)]);
        const region = verdictAudit(mutated);
        expect(verdictChaincode(mutated, region ?? l.region)).toBe(region !== null);
      }),
      { numRuns: 1500 },
    );
  });

  test('hand-picked refusals agree', () => {
    const good = JSON.parse(Buffer.from(encodeLeaf({ v: 1, type: 'consent', region: 'eu', time: '2025-01-31T09:00:00.000Z', refId: 'req-1', commitment: new Uint8Array(32), meta: { purpose: 'x' } })).toString());
    const cases = [
      { ...good, meta: { purpose: 'bob@example.com' } },
      { ...good, meta: { 'bad key': 1 } },
      { ...good, refId: 'has space' },
      { ...good, time: '2025-02-30T09:00:00.000Z' },
      { ...good, commitment: 'AAAA' },
      { ...good, v: '1' },
      { ...good, meta: { n: [1] } },
      Object.fromEntries(Object.entries(good).filter(([k]) => k !== 'meta')),
    ];
    for (const c of cases) {
      const bytes = Buffer.from(JSON.stringify(c));
      expect(verdictChaincode(bytes, 'eu'), JSON.stringify(c)).toBe(verdictAudit(bytes) !== null);
    }
  });
});
