/**
 * Typed chaincode errors.
 *
 * Fabric carries a chaincode failure to the client as a bare string (the
 * response message of a status-500 response; the gateway puts it in the
 * error details as "chaincode response 500, <message>"). To keep the failure
 * typed across that boundary, every error this chaincode throws has a message
 * of the form
 *
 *     [meridian-ledger/CODE] human readable text {"evidence":"json"}
 *
 * and `parseLedgerErrorMessage` (duplicated client-side in
 * `audit/src/fabric/errors.ts`) recovers the code and evidence. Evidence holds
 * indices, sizes, region and MSP ids only: never leaf contents.
 */

export const LEDGER_ERROR_CODES = [
  /** Arguments that do not parse: bad JSON, bad base64, bad number, wrong arity. */
  'MALFORMED',
  /** An append whose first index is below the current size. */
  'DUPLICATE_INDEX',
  /** An append whose first index is above the current size. */
  'INDEX_GAP',
  /** The caller's MSP may not write to that region, or may not change the configuration. */
  'FORBIDDEN',
  /** No region-authorisation configuration has been stored yet. */
  'NOT_CONFIGURED',
  /** A size or index beyond the current tree, or a range too large for one query. */
  'OUT_OF_RANGE',
  /** A record that does not exist (e.g. no checkpoint of that size). */
  'NOT_FOUND',
  /** A configuration that is stale, replayed or already initialised. */
  'CONFIG_CONFLICT',
  /** A checkpoint that contradicts the tree or an already stored checkpoint. */
  'CHECKPOINT_CONFLICT',
  /** Stored state that fails its own consistency checks (should never happen). */
  'CORRUPT_STATE',
  /** A transaction name the contract does not have. */
  'UNKNOWN_TRANSACTION',
] as const;

export type LedgerErrorCode = (typeof LEDGER_ERROR_CODES)[number];

export type LedgerErrorEvidence = Record<string, string | number | boolean | null | readonly (string | number)[]>;

const TAG = 'meridian-ledger';

export class LedgerContractError extends Error {
  readonly code: LedgerErrorCode;
  readonly evidence: LedgerErrorEvidence;
  readonly reason: string;
  constructor(code: LedgerErrorCode, reason: string, evidence: LedgerErrorEvidence = {}) {
    super(`[${TAG}/${code}] ${reason} ${JSON.stringify(evidence)}`);
    this.name = 'LedgerContractError';
    this.code = code;
    this.reason = reason;
    this.evidence = evidence;
  }
}

export interface ParsedLedgerError {
  code: LedgerErrorCode;
  reason: string;
  evidence: LedgerErrorEvidence;
}

const TAG_PATTERN = /\[meridian-ledger\/([A-Z_]+)\] /;

/**
 * Finds a typed ledger error inside any string (a peer message, gateway
 * details...). The evidence is the JSON object that ends the message; if
 * none parses, the whole remainder is the reason.
 */
export function parseLedgerErrorMessage(text: string): ParsedLedgerError | undefined {
  if (typeof text !== 'string') return undefined;
  const m = TAG_PATTERN.exec(text);
  if (!m) return undefined;
  const code = m[1] as LedgerErrorCode;
  if (!(LEDGER_ERROR_CODES as readonly string[]).includes(code)) return undefined;
  const rest = text.slice(m.index + m[0].length).trimEnd();
  for (let i = rest.indexOf(' {'); i >= 0; i = rest.indexOf(' {', i + 1)) {
    try {
      const parsed: unknown = JSON.parse(rest.slice(i + 1));
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        return { code, reason: rest.slice(0, i), evidence: parsed as LedgerErrorEvidence };
      }
    } catch {
      // not the evidence yet; keep looking further right
    }
  }
  return { code, reason: rest, evidence: {} };
}
