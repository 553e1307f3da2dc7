import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REGIONS, type Region } from '@meridian/core/policy/region-profile.ts';
import { createRevocationList, type CertificateAuthority } from '@meridian/core/pki/index.ts';
import { createRevocationStore, type RevocationStore } from '@meridian/federation/transport/revocation-store.ts';
import { lookupKeyOf, newLookupKey, type LookupKey } from '@meridian/regions/rights/cross-region/lookup-key.ts';
import type { CrossRegionLink } from '@meridian/regions/rights/cross-region/cross-region-link.ts';
import { createPeerDirectory } from '@meridian/regions/rights/cross-region/peer-directory.ts';
import type { PeerServerOptions } from '@meridian/regions/rights/cross-region/start-peer-server.ts';
import type { NodeCertificate } from './local-certificates.ts';

/**
 * The local federation's lookup key: made once in `<dataDir>/ca/lookup-key.json`
 * (the launcher plays the federation operator) and copied into each region's
 * node directory, where `loadCrossRegionConfig` finds it for CLI processes.
 */
function localLookupKey(dataDir: string, regionDir: (region: Region) => string): LookupKey {
  const file = join(dataDir, 'ca', 'lookup-key.json');
  if (!existsSync(file)) {
    mkdirSync(join(dataDir, 'ca'), { recursive: true, mode: 0o700 });
    writeFileSync(file, JSON.stringify({ key: Buffer.from(newLookupKey().key).toString('base64') }), { mode: 0o600 });
  }
  const json = readFileSync(file, 'utf8');
  for (const region of REGIONS) {
    mkdirSync(regionDir(region), { recursive: true });
    writeFileSync(join(regionDir(region), 'lookup-key.json'), json, { mode: 0o600 });
  }
  return lookupKeyOf(new Uint8Array(Buffer.from((JSON.parse(json) as { key: string }).key, 'base64')));
}

/**
 * Cross-region rights requests in the local launch: one lookup key for the
 * three regions, each node's peer endpoint (mTLS under the local CA) and,
 * once all are listening, each node's clients to the other two.
 *
 * @example
 * const xr = localCrossRegion(dataDir, ca, (r) => regionDir(dataDir, r));
 * const node = await openRegionNode({ region, crossRegion: xr.links[region], ... });
 * await runRegionService(node, { ..., peer: xr.peerServer(region, cert, host, port) });
 * xr.connect({ eu: euService.peer!.url, ... });
 */
export function localCrossRegion(dataDir: string, ca: CertificateAuthority, regionDir: (region: Region) => string) {
  const lookupKey = localLookupKey(dataDir, regionDir);
  const revocation: RevocationStore = createRevocationStore(ca.certPem, createRevocationList(ca));
  const links = Object.fromEntries(REGIONS.map((r) => [r, { lookupKey } as CrossRegionLink])) as Record<Region, CrossRegionLink>;
  const certs = new Map<Region, NodeCertificate>();
  return {
    links,
    peerServer(region: Region, cert: NodeCertificate, host: string, port: number): PeerServerOptions {
      certs.set(region, cert);
      return { key: cert.keyPem, cert: cert.certPem, ca: ca.certPem, revocation, host, port };
    },
    connect(urls: Partial<Record<Region, string>>): void {
      for (const [region, cert] of certs) links[region].peers = createPeerDirectory({ self: region, peers: urls, ca: ca.certPem, key: cert.keyPem, cert: cert.certPem, revocation });
    },
  };
}
