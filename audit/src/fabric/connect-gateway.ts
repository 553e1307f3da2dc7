import { createPrivateKey, type KeyObject } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { connect, hash, signers, type Contract, type Gateway, type Signer } from '@hyperledger/fabric-gateway';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { ContractLike } from './contract-like.ts';

/** Per-call gRPC deadlines, in milliseconds (defaults follow fabric-samples). */
export interface FabricDeadlines {
  evaluateMs: number;
  endorseMs: number;
  submitMs: number;
  commitStatusMs: number;
}

export const DEFAULT_DEADLINES: FabricDeadlines = { evaluateMs: 5_000, endorseMs: 15_000, submitMs: 5_000, commitStatusMs: 60_000 };

export interface FabricConnectionOptions {
  /** The gateway peer, `host:port` (e.g. `peer0.eu.meridian.example:7051`). */
  peerEndpoint: string;
  /**
   * PEM of the CA that issued the peer's TLS certificate, or `'insecure'` for
   * a plaintext connection (local experiments only; never for a real network).
   */
  tlsRootCert: Uint8Array | 'insecure';
  /** TLS server name to expect when it differs from the endpoint host (`grpc.ssl_target_name_override`). */
  peerHostAlias?: string;
  /** The client identity's MSP id, e.g. `EUMSP`. */
  mspId: string;
  /** PEM X.509 certificate of the client identity. */
  certificate: Uint8Array;
  /** Its private key (PEM bytes or a KeyObject): ECDSA P-256/P-384 or Ed25519. */
  privateKey: Uint8Array | KeyObject;
  channel: string;
  chaincode: string;
  /** Contract name inside the chaincode; defaults to the chaincode's default contract. */
  contractName?: string;
  deadlines?: Partial<FabricDeadlines>;
}

export interface FabricGatewayConnection {
  contract: Contract & ContractLike;
  gateway: Gateway;
  /** Closes the gateway and the gRPC channel. Idempotent. */
  close(): void;
}

/**
 * Opens a Fabric Gateway connection (gRPC via grpc-js, X.509 identity, private
 * key signer) and returns the MeridianLedger contract. Connecting is lazy:
 * with no peer listening, this succeeds and the first transaction fails with
 * gRPC UNAVAILABLE, which `FabricLedger` reports as a MeridianError
 * `UNAVAILABLE`. Bad local inputs (unreadable key, malformed endpoint) throw
 * `BAD_INPUT` here.
 *
 * @example
 * const { contract, close } = connectFabricGateway({
 *   peerEndpoint: 'peer0.eu.meridian.example:7051', tlsRootCert: tlsCaPem, mspId: 'EUMSP',
 *   certificate: certPem, privateKey: keyPem, channel: 'meridian-audit', chaincode: 'meridian-ledger',
 * });
 */
export function connectFabricGateway(options: FabricConnectionOptions): FabricGatewayConnection {
  if (!/^[A-Za-z0-9.-]+:\d{1,5}$/.test(options.peerEndpoint) && !/^\[[0-9a-fA-F:]+\]:\d{1,5}$/.test(options.peerEndpoint)) {
    throw new MeridianError('BAD_INPUT', 'fabric: peer endpoint must be host:port', { field: 'peerEndpoint' });
  }
  let key: KeyObject;
  try {
    key = options.privateKey instanceof Uint8Array ? createPrivateKey(Buffer.from(options.privateKey)) : options.privateKey;
  } catch (cause) {
    throw new MeridianError('BAD_INPUT', 'fabric: client private key is not a readable PEM key', { field: 'privateKey' }, { cause });
  }
  let signer: Signer;
  try {
    signer = signers.newPrivateKeySigner(key);
  } catch (cause) {
    throw new MeridianError('BAD_INPUT', 'fabric: client private key must be ECDSA (P-256/P-384) or Ed25519', { field: 'privateKey', keyType: String(key.asymmetricKeyType) }, { cause });
  }
  let credentials: grpc.ChannelCredentials;
  try {
    credentials = options.tlsRootCert === 'insecure' ? grpc.credentials.createInsecure() : grpc.credentials.createSsl(Buffer.from(options.tlsRootCert));
  } catch (cause) {
    throw new MeridianError('BAD_INPUT', 'fabric: TLS root certificate is not a readable PEM certificate', { field: 'tlsRootCert' }, { cause });
  }
  const client = new grpc.Client(options.peerEndpoint, credentials, options.peerHostAlias ? { 'grpc.ssl_target_name_override': options.peerHostAlias } : {});
  const d = { ...DEFAULT_DEADLINES, ...options.deadlines };
  const gateway = connect({
    client,
    identity: { mspId: options.mspId, credentials: Buffer.from(options.certificate) },
    signer,
    hash: hash.sha256,
    evaluateOptions: () => ({ deadline: Date.now() + d.evaluateMs }),
    endorseOptions: () => ({ deadline: Date.now() + d.endorseMs }),
    submitOptions: () => ({ deadline: Date.now() + d.submitMs }),
    commitStatusOptions: () => ({ deadline: Date.now() + d.commitStatusMs }),
  });
  const network = gateway.getNetwork(options.channel);
  const contract = options.contractName ? network.getContract(options.chaincode, options.contractName) : network.getContract(options.chaincode);
  let closed = false;
  return {
    contract,
    gateway,
    close() {
      if (closed) return;
      closed = true;
      gateway.close();
      client.close();
    },
  };
}
