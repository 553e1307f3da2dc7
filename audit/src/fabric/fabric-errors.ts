import { status as GrpcStatus } from '@grpc/grpc-js';
import { CommitError, CommitStatusError, GatewayError } from '@hyperledger/fabric-gateway';
import { MeridianError, type ErrorCode, type Evidence } from '@meridian/core/errors/meridian-error.ts';

/**
 * The chaincode's typed error codes (audit/chaincode/src/errors.ts). The
 * chaincode is a separate CommonJS package, so the list and the parser are
 * restated here; `audit/chaincode/test/fabric-ledger.test.ts` checks they agree.
 */
export const CHAINCODE_ERROR_CODES = [
  'MALFORMED',
  'DUPLICATE_INDEX',
  'INDEX_GAP',
  'FORBIDDEN',
  'NOT_CONFIGURED',
  'OUT_OF_RANGE',
  'NOT_FOUND',
  'CONFIG_CONFLICT',
  'CHECKPOINT_CONFLICT',
  'CORRUPT_STATE',
  'UNKNOWN_TRANSACTION',
] as const;
export type ChaincodeErrorCode = (typeof CHAINCODE_ERROR_CODES)[number];

export interface ChaincodeError {
  code: ChaincodeErrorCode;
  reason: string;
  evidence: Evidence;
}

const TAG_PATTERN = /\[meridian-ledger\/([A-Z_]+)\] /;

/** Finds `[meridian-ledger/CODE] reason {evidence}` in a peer or gateway message. */
export function parseChaincodeError(text: string): ChaincodeError | undefined {
  if (typeof text !== 'string') return undefined;
  const m = TAG_PATTERN.exec(text);
  if (!m) return undefined;
  const code = m[1] as ChaincodeErrorCode;
  if (!(CHAINCODE_ERROR_CODES as readonly string[]).includes(code)) return undefined;
  const rest = text.slice(m.index + m[0].length).trimEnd();
  for (let i = rest.indexOf(' {'); i >= 0; i = rest.indexOf(' {', i + 1)) {
    try {
      const parsed: unknown = JSON.parse(rest.slice(i + 1));
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return { code, reason: rest.slice(0, i), evidence: parsed as Evidence };
    } catch {
      // keep looking further right
    }
  }
  return { code, reason: rest, evidence: {} };
}

/** How each chaincode refusal reads as a Meridian error. */
export const CHAINCODE_TO_MERIDIAN: Readonly<Record<ChaincodeErrorCode, ErrorCode>> = {
  MALFORMED: 'BAD_INPUT',
  DUPLICATE_INDEX: 'CONFLICT',
  INDEX_GAP: 'CONFLICT',
  FORBIDDEN: 'FORBIDDEN',
  NOT_CONFIGURED: 'UNAVAILABLE',
  OUT_OF_RANGE: 'BAD_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFIG_CONFLICT: 'CONFLICT',
  CHECKPOINT_CONFLICT: 'CONFLICT',
  CORRUPT_STATE: 'INTERNAL',
  UNKNOWN_TRANSACTION: 'INTERNAL',
};

/** Fabric TxValidationCode values that mean "lost a race; nothing applied; retry is safe". */
const RACE_CODES = new Set([11 /* MVCC_READ_CONFLICT */, 12 /* PHANTOM_READ_CONFLICT */]);

function chaincodeErrorIn(e: GatewayError): ChaincodeError | undefined {
  for (const d of e.details ?? []) {
    const parsed = parseChaincodeError(d.message);
    if (parsed) return parsed;
  }
  return parseChaincodeError(e.message);
}

/**
 * Maps anything the gateway (or the chaincode behind it) throws to a
 * `MeridianError`. Evidence holds only codes, indices, sizes, region and MSP
 * ids, never leaf contents.
 *
 * - typed chaincode refusals → their mapped code (`CHAINCODE_TO_MERIDIAN`);
 * - `CommitError` MVCC/phantom conflicts → CONFLICT; other invalidations → INTERNAL;
 * - `CommitStatusError` → UNAVAILABLE with `outcome: 'unknown'` (the transaction may have committed);
 * - gRPC UNAVAILABLE / DEADLINE_EXCEEDED / CANCELLED / RESOURCE_EXHAUSTED → UNAVAILABLE;
 * - endorsements that disagree (peers at different heights) → CONFLICT;
 * - anything else → INTERNAL.
 */
export function toMeridianError(e: unknown, transaction: string): MeridianError {
  if (e instanceof MeridianError) return e;
  if (e instanceof CommitError) {
    const race = RACE_CODES.has(e.code);
    return new MeridianError(
      race ? 'CONFLICT' : 'INTERNAL',
      race ? `fabric: ${transaction} lost a race with a concurrent transaction and was not applied` : `fabric: ${transaction} was invalidated at commit`,
      { transaction, validationCode: e.code, transactionId: e.transactionId },
      { cause: e },
    );
  }
  if (e instanceof GatewayError) {
    const typed = chaincodeErrorIn(e);
    if (typed) {
      return new MeridianError(CHAINCODE_TO_MERIDIAN[typed.code], `fabric: ${transaction}: ${typed.reason}`, { transaction, chaincodeCode: typed.code, ...typed.evidence }, { cause: e });
    }
    const base = { transaction, grpcCode: e.code, ...('transactionId' in e ? { transactionId: String(e.transactionId) } : {}) };
    if (e instanceof CommitStatusError) {
      return new MeridianError('UNAVAILABLE', `fabric: ${transaction} was submitted but its commit status is unknown`, { ...base, outcome: 'unknown' }, { cause: e });
    }
    if ([GrpcStatus.UNAVAILABLE, GrpcStatus.DEADLINE_EXCEEDED, GrpcStatus.CANCELLED, GrpcStatus.RESOURCE_EXHAUSTED].includes(e.code)) {
      return new MeridianError('UNAVAILABLE', `fabric: gateway peer unavailable during ${transaction} (${GrpcStatus[e.code] ?? e.code})`, base, { cause: e });
    }
    if ((e.details ?? []).some((d) => /do not match/i.test(d.message))) {
      return new MeridianError('CONFLICT', `fabric: endorsements of ${transaction} disagree (peers out of sync); retry`, base, { cause: e });
    }
    return new MeridianError('INTERNAL', `fabric: ${transaction} failed (${GrpcStatus[e.code] ?? e.code})`, base, { cause: e });
  }
  return new MeridianError('INTERNAL', `fabric: ${transaction} failed unexpectedly`, { transaction }, { cause: e });
}
