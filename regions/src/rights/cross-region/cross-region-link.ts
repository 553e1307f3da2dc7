import type { LookupKey } from './lookup-key.ts';
import type { PeerDirectory } from './peer-directory.ts';

/**
 * What links a region node to the other regions for rights requests: the
 * federation lookup key (tags are written at ingestion and matched by the
 * peer endpoint) and, on a node that forwards, mTLS clients to its peers.
 */
export interface CrossRegionLink {
  lookupKey: LookupKey;
  peers?: PeerDirectory;
}
