import type { Dispatcher } from 'undici';
import { REGIONS, type Region } from '@meridian/core/policy/region-profile.ts';
import type { DialectName } from '@meridian/core/db/open-database.ts';
import { createCertificateAuthority, createCsr, createRevocationList, issueCertificate, verifyCertificate, type CertificateAuthority, type NodeRole } from '@meridian/core/pki/index.ts';
import { createRevocationStore, type RevocationStore } from '@meridian/federation/transport/revocation-store.ts';
import { teeRequests } from '../../../../federation/test/coordinator/support/tee-requests.ts';
import { testNode } from '../../node-fixture.ts';
import { memoryNotifier } from '../rights-fixture.ts';
import { newLookupKey, type LookupKey } from '../../../src/rights/cross-region/lookup-key.ts';
import type { CrossRegionLink } from '../../../src/rights/cross-region/cross-region-link.ts';
import { createPeerDirectory, type PeerDirectory } from '../../../src/rights/cross-region/peer-directory.ts';
import { startPeerServer, type PeerServerOptions, type RunningPeerServer } from '../../../src/rights/cross-region/start-peer-server.ts';

export interface Identity {
  key: string;
  cert: string;
  serial: string;
}

/** A certificate from `ca` for a node of `region` with `role`. */
export function enroll(ca: CertificateAuthority, region: string, role: NodeRole = 'region'): Identity {
  const { csrPem, keyPem } = createCsr({ commonName: `${region}-${role}`, region, role, keyBits: 2048 });
  const cert = issueCertificate(ca, csrPem, { validDays: 7 });
  return { key: keyPem, cert, serial: verifyCertificate(cert, ca.certPem).serial };
}

/**
 * Wraps a dispatcher so every response body byte a client receives is also
 * given to `sink` (`teeRequests` records what it sends).
 */
export function teeResponses(dispatcher: Dispatcher, sink: (bytes: Uint8Array) => void): Dispatcher {
  return dispatcher.compose((dispatch) => (opts, handler) =>
    dispatch(
      opts,
      new Proxy(handler, {
        get(target, prop, receiver) {
          const v = Reflect.get(target, prop, receiver);
          if (typeof v !== 'function') return v;
          if (prop === 'onData') return (chunk: Uint8Array) => (sink(chunk), v.call(target, chunk));
          if (prop === 'onResponseData') return (controller: unknown, chunk: Uint8Array) => (sink(chunk), v.call(target, controller, chunk));
          return v.bind(target);
        },
      }),
    ),
  );
}

export type Federation = Awaited<ReturnType<typeof startFederation>>;

/**
 * Three region nodes on fresh databases of one engine, each with the same
 * federation lookup key, a certificate from one test CA, its peer endpoint on
 * loopback (real mTLS) and clients to the other two. Every byte a region
 * sends to or receives from a peer is recorded in `wire[region]`.
 */
export async function startFederation(dialect: DialectName, opts: { peerServer?: Partial<PeerServerOptions>; skewMs?: () => number } = {}) {
  const ca = createCertificateAuthority({ name: 'Meridian test federation CA', validDays: 30, keyBits: 2048 });
  const revocation: RevocationStore = createRevocationStore(ca.certPem, createRevocationList(ca));
  const lookupKey: LookupKey = newLookupKey();
  const ids = {} as Record<Region, Identity>;
  const links = {} as Record<Region, CrossRegionLink>;
  const nodes = {} as Record<Region, Awaited<ReturnType<typeof testNode>>>;
  const notifiers = {} as Record<Region, ReturnType<typeof memoryNotifier>>;
  const servers = {} as Record<Region, RunningPeerServer>;
  const wire = { eu: [], sea: [], me: [] } as Record<Region, Uint8Array[]>;
  for (const region of REGIONS) {
    ids[region] = enroll(ca, region);
    links[region] = { lookupKey };
    notifiers[region] = memoryNotifier();
    nodes[region] = await testNode(region, dialect, { crossRegion: links[region], now: () => new Date(Date.now() + (opts.skewMs?.() ?? 0)) });
  }
  const serverOptions = (region: Region): PeerServerOptions => ({ key: ids[region].key, cert: ids[region].cert, ca: ca.certPem, revocation, notifier: notifiers[region], minResponseMs: 20, ...opts.peerServer });
  for (const region of REGIONS) servers[region] = await startPeerServer(nodes[region], serverOptions(region));
  const urls = () => Object.fromEntries(REGIONS.map((r) => [r, servers[r].url])) as Record<Region, string>;
  const directory = (self: Region, identity: Identity = ids[self], record = true): PeerDirectory =>
    createPeerDirectory({
      self,
      peers: urls(),
      ca: ca.certPem,
      key: identity.key,
      cert: identity.cert,
      revocation,
      wrapDispatcher: record ? (_peer, agent) => teeResponses(teeRequests(agent, (b) => wire[self].push(b.slice())), (b) => wire[self].push(b.slice())) : undefined,
    });
  for (const region of REGIONS) links[region].peers = directory(region);
  return {
    ca,
    revocation,
    lookupKey,
    ids,
    nodes,
    notifiers,
    servers,
    wire,
    directory,
    /** Stops a region's peer endpoint and starts it again on the same port. */
    async restartPeer(region: Region, down: () => Promise<void>) {
      const port = Number(new URL(servers[region].url).port);
      await servers[region].close();
      await down();
      servers[region] = await startPeerServer(nodes[region], { ...serverOptions(region), port });
    },
    async close() {
      for (const region of REGIONS) {
        await servers[region]?.close();
        await nodes[region]?.close();
      }
    },
  };
}
