import type { Region } from '@meridian/core/policy/region-profile.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { createMtlsAgent } from '@meridian/federation/transport/create-mtls-agent.ts';
import { createMtlsTrpcClient } from '@meridian/federation/transport/create-mtls-trpc-client.ts';
import type { RevocationStore } from '@meridian/federation/transport/revocation-store.ts';
import type { PeerRouter } from './peer-router.ts';

export type PeerClient = ReturnType<typeof createMtlsTrpcClient<PeerRouter>>;
/** An undici dispatcher (the mTLS agent, or a wrapper of it); typed through the transport so regions needs no undici of its own. */
type Dispatcher = Parameters<typeof createMtlsTrpcClient>[0]['agent'];

export interface PeerDirectoryOptions {
  /** This node's region: the claim every call carries, which must equal its certificate's. */
  self: Region;
  /** The peer endpoint (`startPeerServer`) of each other region. */
  peers: Partial<Record<Region, string>>;
  /** Federation CA (PEM) and this node's key and certificate (role `region`). */
  ca: string;
  key: string;
  cert: string;
  /** When given, a peer whose certificate is revoked is refused at the handshake. */
  revocation?: RevocationStore;
  /** Wraps each peer's dispatcher (tests record the bytes sent). */
  wrapDispatcher?: (region: Region, agent: Dispatcher) => Dispatcher;
}

/** Typed mTLS clients to the other regions' peer endpoints. */
export interface PeerDirectory {
  regions: readonly Region[];
  client(region: Region): PeerClient;
  close(): Promise<void>;
}

/**
 * One mTLS client per peer region, each pinned to that region: the server's
 * certificate must come from the federation CA, be unrevoked, have role
 * `region` and name that region, so a forward can only reach the node that
 * speaks for the region it was meant for.
 *
 * @example
 * const peers = createPeerDirectory({ self: 'eu', peers: { sea: 'https://sea:7202', me: 'https://me:7203' }, ca, key, cert, revocation });
 * await peers.client('sea').status.query({ requesterRegion: 'eu', requestId });
 */
export function createPeerDirectory(opts: PeerDirectoryOptions): PeerDirectory {
  const regions = (Object.keys(opts.peers) as Region[]).filter((r) => r !== opts.self && opts.peers[r]);
  const agents = new Map<Region, Dispatcher>();
  const clients = new Map<Region, PeerClient>();
  for (const region of regions) {
    const agent = createMtlsAgent({ ca: opts.ca, key: opts.key, cert: opts.cert, revocation: opts.revocation, expectServer: { roles: ['region'], region } });
    const dispatcher = opts.wrapDispatcher ? opts.wrapDispatcher(region, agent) : agent;
    agents.set(region, agent);
    clients.set(region, createMtlsTrpcClient<PeerRouter>({ url: opts.peers[region]!, agent: dispatcher, region: opts.self }));
  }
  return {
    regions,
    client(region) {
      const c = clients.get(region);
      if (!c) throw new MeridianError('NOT_FOUND', `no peer endpoint is configured for region ${region}`, { region });
      return c;
    },
    async close() {
      await Promise.all([...agents.values()].map((a) => a.close()));
    },
  };
}
