import { describe, expect, test } from 'vitest';
import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { CommitError, CommitStatusError, EndorseError, GatewayError } from '@hyperledger/fabric-gateway';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { CHAINCODE_ERROR_CODES, CHAINCODE_TO_MERIDIAN, parseChaincodeError, toMeridianError } from './fabric-errors.ts';

function cause(code: status, details: string): ServiceError {
  return Object.assign(new Error(`${code} ${status[code]}: ${details}`), { code, details, metadata: new Metadata() });
}
const peerDetail = (message: string) => [{ address: 'peer0.eu.meridian.example:7051', mspId: 'EUMSP', message }];

describe('parseChaincodeError', () => {
  test('reads code, reason and evidence from a gateway detail', () => {
    expect(parseChaincodeError('chaincode response 500, [meridian-ledger/INDEX_GAP] append would leave a gap in the log {"region":"eu","expected":3,"got":5}')).toEqual({
      code: 'INDEX_GAP',
      reason: 'append would leave a gap in the log',
      evidence: { region: 'eu', expected: 3, got: 5 },
    });
  });
  test('tolerates braces in the reason and missing evidence; ignores unknown codes and other text', () => {
    expect(parseChaincodeError('[meridian-ledger/MALFORMED] bad {x} thing {"field":"a"}')).toEqual({ code: 'MALFORMED', reason: 'bad {x} thing', evidence: { field: 'a' } });
    expect(parseChaincodeError('[meridian-ledger/MALFORMED] just text')).toEqual({ code: 'MALFORMED', reason: 'just text', evidence: {} });
    expect(parseChaincodeError('[meridian-ledger/NOPE] x {}')).toBeUndefined();
    expect(parseChaincodeError('chaincode response 500, asset exists')).toBeUndefined();
  });
  test('every chaincode code has a Meridian mapping', () => {
    expect(Object.keys(CHAINCODE_TO_MERIDIAN).sort()).toEqual([...CHAINCODE_ERROR_CODES].sort());
  });
});

describe('toMeridianError', () => {
  test('typed chaincode refusals in endorse and evaluate errors', () => {
    const endorse = new EndorseError({
      code: status.ABORTED,
      details: peerDetail('chaincode response 500, [meridian-ledger/FORBIDDEN] this MSP may not append to that region {"region":"eu","msp":"SEAMSP"}'),
      cause: cause(status.ABORTED, 'failed to endorse transaction, see attached details for more info'),
      transactionId: 'tx1',
    });
    const e = toMeridianError(endorse, 'Append');
    expect(e).toBeInstanceOf(MeridianError);
    expect(e.code).toBe('FORBIDDEN');
    expect(e.evidence).toEqual({ transaction: 'Append', chaincodeCode: 'FORBIDDEN', region: 'eu', msp: 'SEAMSP' });
    expect(e.cause).toBe(endorse);

    const evaluate = new GatewayError({
      code: status.UNKNOWN,
      details: [],
      cause: cause(status.UNKNOWN, 'x'),
      message: '2 UNKNOWN: evaluate call to endorser returned error: chaincode response 500, [meridian-ledger/OUT_OF_RANGE] size beyond the log {"size":9}',
    });
    expect(toMeridianError(evaluate, 'GetRoot')).toMatchObject({ code: 'BAD_INPUT', evidence: { chaincodeCode: 'OUT_OF_RANGE', size: 9 } });
  });

  test('commit invalidation: races are CONFLICT, anything else INTERNAL', () => {
    expect(toMeridianError(new CommitError({ code: 11 as never, transactionId: 't' }), 'Append')).toMatchObject({ code: 'CONFLICT', evidence: { validationCode: 11, transactionId: 't' } });
    expect(toMeridianError(new CommitError({ code: 12 as never, transactionId: 't' }), 'Append').code).toBe('CONFLICT');
    expect(toMeridianError(new CommitError({ code: 10 as never, transactionId: 't' }), 'Append').code).toBe('INTERNAL');
  });

  test('outages and unknown outcomes are UNAVAILABLE', () => {
    for (const code of [status.UNAVAILABLE, status.DEADLINE_EXCEEDED, status.CANCELLED, status.RESOURCE_EXHAUSTED]) {
      const g = new GatewayError({ code, details: [], cause: cause(code, 'down') });
      expect(toMeridianError(g, 'GetHead')).toMatchObject({ code: 'UNAVAILABLE', evidence: { grpcCode: code } });
    }
    const unknown = new CommitStatusError({ code: status.DEADLINE_EXCEEDED, details: [], cause: cause(status.DEADLINE_EXCEEDED, 'slow'), transactionId: 'tx9' });
    expect(toMeridianError(unknown, 'Append')).toMatchObject({ code: 'UNAVAILABLE', evidence: { outcome: 'unknown', transactionId: 'tx9' } });
  });

  test('diverging endorsements are CONFLICT; other failures INTERNAL; MeridianErrors pass through', () => {
    const mismatch = new EndorseError({ code: status.ABORTED, details: peerDetail('ProposalResponsePayloads do not match'), cause: cause(status.ABORTED, 'x'), transactionId: 't' });
    expect(toMeridianError(mismatch, 'Append').code).toBe('CONFLICT');
    const other = new EndorseError({ code: status.ABORTED, details: peerDetail('chaincode response 500, boom'), cause: cause(status.ABORTED, 'x'), transactionId: 't' });
    expect(toMeridianError(other, 'Append').code).toBe('INTERNAL');
    expect(toMeridianError(new TypeError('x'), 'Append')).toMatchObject({ code: 'INTERNAL', evidence: { transaction: 'Append' } });
    const m = new MeridianError('NOT_FOUND', 'x');
    expect(toMeridianError(m, 'Append')).toBe(m);
  });
});
