import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { REGIONS, type Region } from '@meridian/core/policy/region-profile.ts';
import { createRevocationStore } from '@meridian/federation/transport/revocation-store.ts';
import type { CrossRegionLink } from './cross-region-link.ts';
import { lookupKeyOf } from './lookup-key.ts';
import { createPeerDirectory } from './peer-directory.ts';
import type { PeerServerOptions } from './start-peer-server.ts';

const keyFileSchema = z.strictObject({ key: z.string().refine((s) => Buffer.from(s, 'base64').length === 32, '32 bytes, base64') });

/** `peers.json`: this node's federation identity, where it serves `peer.*`, and the other regions' peer endpoints. Paths are relative to the file. */
export const peersFileSchema = z.strictObject({
  ca: z.string().min(1),
  cert: z.string().min(1),
  key: z.string().min(1),
  /** The federation CA's signed revocation list (JSON); required to serve. */
  revocationList: z.string().min(1).optional(),
  listen: z.strictObject({ host: z.string().default('127.0.0.1'), port: z.number().int().min(0).max(65535) }).optional(),
  peers: z.partialRecord(z.enum(REGIONS), z.url()),
});
export type PeersFile = z.infer<typeof peersFileSchema>;

export interface CrossRegionConfig {
  link?: CrossRegionLink;
  /** Present when the peers file says where to listen. */
  serve?: Omit<PeerServerOptions, 'notifier'>;
}

function readJson<T>(file: string, schema: z.ZodType<T>, what: string): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new MeridianError('BAD_INPUT', `${what} ${file} cannot be read: ${(e as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new MeridianError('BAD_INPUT', `${what} ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/**
 * A node's cross-region configuration, in order:
 * - the federation lookup key from `MERIDIAN_LOOKUP_KEY` (base64), else the
 *   JSON file `MERIDIAN_LOOKUP_KEY_FILE` (`{ "key": "<base64>" }`), else
 *   `<node dir>/lookup-key.json` when it exists. A node never makes this key
 *   up: the federation operator hands the same key to every region.
 * - its peers from `MERIDIAN_PEERS_FILE`, else `<node dir>/peers.json` when it
 *   exists (`peersFileSchema`).
 * Neither present: the node is not linked (forwarding is refused with UNAVAILABLE).
 *
 * @example
 * const { link, serve } = loadCrossRegionConfig('eu', process.env, '.data/eu');
 * const node = await openRegionNode({ region: 'eu', crossRegion: link });
 */
export function loadCrossRegionConfig(region: Region, env: NodeJS.ProcessEnv, nodeDir?: string): CrossRegionConfig {
  const keyFile = env.MERIDIAN_LOOKUP_KEY_FILE ?? (nodeDir && existsSync(join(nodeDir, 'lookup-key.json')) ? join(nodeDir, 'lookup-key.json') : undefined);
  const keyB64 = env.MERIDIAN_LOOKUP_KEY ?? (keyFile ? readJson(keyFile, keyFileSchema, 'lookup key file').key : undefined);
  const peersFile = env.MERIDIAN_PEERS_FILE ?? (nodeDir && existsSync(join(nodeDir, 'peers.json')) ? join(nodeDir, 'peers.json') : undefined);
  if (!keyB64) {
    if (peersFile) throw new MeridianError('BAD_INPUT', 'a peers file is configured but no federation lookup key (MERIDIAN_LOOKUP_KEY or MERIDIAN_LOOKUP_KEY_FILE)');
    return {};
  }
  const lookupKey = lookupKeyOf(new Uint8Array(Buffer.from(keyB64, 'base64')));
  if (!peersFile) return { link: { lookupKey } };
  const p = readJson(peersFile, peersFileSchema, 'peers file');
  const at = (f: string) => readFileSync(resolve(dirname(peersFile), f), 'utf8');
  const ca = at(p.ca);
  const revocation = p.revocationList ? createRevocationStore(ca, JSON.parse(at(p.revocationList))) : undefined;
  const identity = { ca, cert: at(p.cert), key: at(p.key) };
  const link: CrossRegionLink = { lookupKey, peers: createPeerDirectory({ self: region, peers: p.peers, ...identity, revocation }) };
  if (!p.listen) return { link };
  if (!revocation) throw new MeridianError('BAD_INPUT', `peers file ${peersFile}: serving peer requests needs the federation revocation list (revocationList)`);
  return { link, serve: { ...identity, revocation, host: p.listen.host, port: p.listen.port } };
}
