import { z } from 'zod';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { TrustPolicy, TrustedKey } from './trust-policy.ts';
import { verifierPrimitives as p } from './verifier-primitives.ts';

const TrustFile = z.object({
  format: z.literal('meridian-trust/v1'),
  logs: z.array(z.string()).min(1),
  witnesses: z.array(z.string()).default([]),
  witnessQuorum: z.number().int().min(0),
});

/**
 * Reads a trust file: JSON with C2SP vkeys for the logs (type 0x01) and the
 * witnesses (type 0x04) and the number of witness cosignatures required.
 *
 * @example
 * readTrustFile('{"format":"meridian-trust/v1","logs":["meridian.local/ledger/eu+1a2b3c4d+AR…"],"witnesses":[],"witnessQuorum":0}');
 */
export function readTrustFile(text: string): TrustPolicy {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new MeridianError('BAD_INPUT', 'the trust file is not JSON');
  }
  const parsed = TrustFile.safeParse(json);
  if (!parsed.success) throw new MeridianError('BAD_INPUT', `the trust file is malformed: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const policy: TrustPolicy = {
    logs: parsed.data.logs.map((v) => readVkey(v, 0x01)),
    witnesses: parsed.data.witnesses.map((v) => readVkey(v, 0x04)),
    witnessQuorum: parsed.data.witnessQuorum,
  };
  if (policy.witnessQuorum > policy.witnesses.length) {
    throw new MeridianError('BAD_INPUT', 'the trust file asks for more witness cosignatures than it lists witnesses', {
      witnessQuorum: policy.witnessQuorum, witnesses: policy.witnesses.length,
    });
  }
  return policy;
}

function readVkey(text: string, type: 0x01 | 0x04): TrustedKey {
  const m = /^([^\s+]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(text.trim());
  const raw = m && p.base64(m[3]!);
  if (!m || !raw || raw.length !== 33 || raw[0] !== type) {
    throw new MeridianError('BAD_INPUT', `trust file key is not an Ed25519 vkey of type ${type}`, { key: text.slice(0, 60) });
  }
  const publicKey = raw.subarray(1);
  const keyId = p.keyId(m[1]!, type, publicKey);
  if (Buffer.from(keyId).toString('hex') !== m[2]) throw new MeridianError('BAD_INPUT', 'trust file key ID does not match its key', { key: text.slice(0, 60) });
  return { name: m[1]!, keyId, publicKey };
}
