/** Shared helpers for the chaincode tests. */
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { expect } from 'vitest';
import { EndorseError, GatewayError } from '@hyperledger/fabric-gateway';
import { encodeLeaf } from '../../src/ledger/encode-leaf.ts';
import { commitPayload } from '../../src/ledger/commit-payload.ts';
import type { LedgerEventType } from '../../src/ledger/ledger-event-type.ts';
import { parseLedgerErrorMessage, type LedgerErrorCode, type ParsedLedgerError } from '../src/errors.ts';
import type { FabricPeerDouble, FixtureMsp } from './double/peer-double.ts';

export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
export const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');

/** A canonical Meridian leaf, built by audit's own encoder. */
export function makeLeaf(region: string, i: number, over: { refId?: string; type?: LedgerEventType; meta?: Record<string, string | number | boolean> } = {}): Uint8Array {
  const salt = createHash('sha256').update(`salt-${region}-${i}`).digest();
  const payload = Buffer.from(`{"message":"hello from alice@example.com","n":${i}}`);
  return encodeLeaf({
    v: 1,
    type: over.type ?? 'interaction',
    region,
    time: new Date(Date.UTC(2025, 0, 31, 9, 0, 0, i)).toISOString(),
    refId: over.refId ?? `req-${region}-${i}`,
    commitment: commitPayload(salt, payload),
    meta: over.meta ?? { route: 'bot' },
  });
}

export function makeLeaves(region: string, from: number, count: number): Uint8Array[] {
  return Array.from({ length: count }, (_, k) => makeLeaf(region, from + k));
}

export interface AppendResult {
  region: string;
  firstIndex: number;
  count: number;
  size: number;
  root: string;
  leafHashes: string[];
  txId: string;
  committedAt: string;
}

export async function append(peer: FabricPeerDouble, msp: FixtureMsp, region: string, first: number, leaves: Uint8Array[]): Promise<AppendResult> {
  const out = await peer.submit(msp, 'Append', region, String(first), JSON.stringify(leaves.map(b64)));
  return JSON.parse(Buffer.from(out).toString('utf8')) as AppendResult;
}

export async function query<T = Record<string, unknown>>(peer: FabricPeerDouble, name: string, ...args: string[]): Promise<T> {
  const out = await peer.evaluate('EUMSP', name, ...args);
  return JSON.parse(Buffer.from(out).toString('utf8')) as T;
}

/** Finds the typed chaincode error inside a gateway error (message or any detail). */
export function ledgerErrorOf(e: unknown): ParsedLedgerError | undefined {
  if (e instanceof GatewayError) {
    for (const d of e.details) {
      const p = parseLedgerErrorMessage(d.message);
      if (p) return p;
    }
  }
  return e instanceof Error ? parseLedgerErrorMessage(e.message) : undefined;
}

/** Expects `p` to fail with the typed chaincode error `code`; returns it for further checks. */
export async function expectLedgerError(p: Promise<unknown>, code: LedgerErrorCode): Promise<ParsedLedgerError> {
  let caught: unknown;
  try {
    await p;
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected ${code}, got success`).toBeDefined();
  expect(caught instanceof EndorseError || caught instanceof GatewayError, `not a gateway error: ${String(caught)}`).toBe(true);
  const parsed = ledgerErrorOf(caught);
  expect(parsed?.code, `in: ${(caught as Error).message} ${JSON.stringify((caught as GatewayError).details)}`).toBe(code);
  return parsed!;
}

const LOG_KEY = generateKeyPairSync('ed25519');

/** A C2SP signed note over a checkpoint body, with a real Ed25519 signature. */
export function signedCheckpointNote(origin: string, size: number, root: Uint8Array, name = origin): string {
  const body = `${origin}\n${size}\n${b64(root)}\n`;
  const { privateKey, publicKey } = LOG_KEY;
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const keyId = createHash('sha256').update(Buffer.concat([Buffer.from(name), Buffer.from([0x0a, 0x01]), raw])).digest().subarray(0, 4);
  const sig = sign(null, Buffer.from(body), privateKey);
  return `${body}\n\u2014 ${name} ${b64(Buffer.concat([keyId, sig]))}\n`;
}
