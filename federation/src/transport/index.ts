/** mTLS transport between federation nodes: servers, clients, and the tRPC glue. */
export { assertRegionClaim } from './assert-region-claim.ts';
export { createMtlsAgent, type MtlsAgentOptions } from './create-mtls-agent.ts';
export { createMtlsContext, type MtlsContext } from './create-mtls-context.ts';
export { createMtlsServer, type MtlsServerOptions } from './create-mtls-server.ts';
export { createMtlsTrpcClient, type MtlsTrpcClientOptions } from './create-mtls-trpc-client.ts';
export { createPeerAuthenticator, type PeerAuthenticator, type PeerAuthenticatorOptions } from './create-peer-authenticator.ts';
export { REGION_CLAIM_HEADER } from './region-claim-header.ts';
export { peerOf } from './request-peer.ts';
export { createRevocationStore, type RevocationStore } from './revocation-store.ts';
export { TRPC_CODE_OF, trpcErrorOf } from './trpc-error-of.ts';
export { withMtls } from './with-mtls.ts';
export { writeRefusal } from './write-refusal.ts';
