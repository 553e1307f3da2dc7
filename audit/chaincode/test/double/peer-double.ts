/**
 * A stand-in for a Fabric channel as the Gateway client sees it: endorsing
 * peers that run the real chaincode dispatch (fabric-shim's
 * ChaincodeFromContract, i.e. what `fabric-chaincode-node start` runs) on
 * `ChaincodeStubDouble`s, an orderer+committer that validates and commits
 * (`WorldState.commitBlock`), and chaincode events.
 *
 * What it reproduces of the gateway's behaviour:
 * - submit = endorse on every endorsing peer against the same committed
 *   snapshot, require identical results (payload, read/write set, event),
 *   then order and validate; evaluate = run on one peer, discard writes;
 * - failures surface as the gateway's own error classes: `EndorseError`
 *   (code ABORTED, details "chaincode response 500, <message>") when the
 *   chaincode fails or endorsements differ, `CommitError` with the
 *   validation code (e.g. MVCC_READ_CONFLICT) when commit fails, and
 *   `GatewayError` (code UNKNOWN for chaincode errors in evaluate,
 *   UNAVAILABLE while `setAvailable(false)`);
 * - the creator is a real X.509 certificate (test/fixtures/identities) so the
 *   contract sees fabric-shim's real ClientIdentity.
 *
 * What it does not reproduce: signatures, endorsement-policy evaluation,
 * block cutting, TLS, discovery, gossip, private data. Every simulated peer
 * shares one state database (the peers are assumed in sync).
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { CommitError, EndorseError, GatewayError, type ErrorDetail } from '@hyperledger/fabric-gateway';
import { JSONSerializer } from 'fabric-contract-api';
import ChaincodeFromContract from 'fabric-shim/lib/contract-spi/chaincodefromcontract.js';
import type { ChaincodeResponse, SerializedIdentity } from 'fabric-shim-api';
import { contracts } from '../../src/index.ts';
import { ChaincodeStubDouble } from './chaincode-stub-double.ts';
import { TxValidationCode, WorldState, type EndorsedTransaction, type StateSnapshot, type TxValidationCodeValue } from './world-state.ts';

const VALIDATION_NAMES: Record<number, string> = Object.fromEntries(Object.entries(TxValidationCode).map(([k, v]) => [v, k]));

/** MSP ids with a certificate in test/fixtures/identities. */
export const FIXTURE_MSPS = ['EUMSP', 'SEAMSP', 'MEMSP', 'RogueMSP'] as const;
export type FixtureMsp = (typeof FIXTURE_MSPS)[number];

export function fixtureIdentity(mspId: FixtureMsp): SerializedIdentity {
  const pem = readFileSync(new URL(`../fixtures/identities/${mspId}.pem`, import.meta.url));
  return { mspid: mspId, idBytes: pem };
}

/** The three-region authorisation used throughout the tests (matches infra/fabric). */
export const TEST_CONFIG = {
  version: 1,
  regions: { eu: ['EUMSP'], sea: ['SEAMSP'], me: ['MEMSP'] },
  admins: ['EUMSP', 'MEMSP', 'SEAMSP'],
  quorum: 2,
};

export interface PeerDoubleOptions {
  channel?: string;
  chaincodeName?: string;
  /** MSPs of the peers that endorse each submit (default: two orgs, as a MAJORITY-of-3 policy needs). */
  endorsers?: string[];
  /** Proposal timestamps; default a deterministic clock advancing 1 s per proposal. */
  clock?: () => Date;
}

export interface Endorsement {
  tx: EndorsedTransaction;
  payload: Buffer;
}

/** The part of the gateway `Contract` the client uses (see audit/src/fabric/contract-like.ts). */
export interface ContractLikeDouble {
  submitTransaction(name: string, ...args: Array<string | Uint8Array>): Promise<Uint8Array>;
  evaluateTransaction(name: string, ...args: Array<string | Uint8Array>): Promise<Uint8Array>;
}

function serviceError(code: GrpcStatus, details: string): ServiceError {
  const err = new Error(`${code} ${GrpcStatus[code]}: ${details}`) as ServiceError;
  err.code = code;
  err.details = details;
  err.metadata = new Metadata();
  return err;
}

export class FabricPeerDouble {
  readonly world: WorldState;
  readonly channel: string;
  readonly endorsers: string[];
  private readonly chaincode: ChaincodeFromContract;
  private readonly clock: () => Date;
  private available = true;
  /** Number of chaincode simulations run (endorsements and evaluations). */
  simulations = 0;

  constructor(options: PeerDoubleOptions = {}) {
    this.channel = options.channel ?? 'meridian-audit';
    this.world = new WorldState(options.chaincodeName ?? 'meridian-ledger');
    this.endorsers = options.endorsers ?? ['EUMSP', 'SEAMSP'];
    let t = Date.parse('2025-01-31T09:00:00.000Z');
    this.clock = options.clock ?? (() => new Date((t += 1000)));
    this.chaincode = new ChaincodeFromContract([...contracts], {
      transaction: 'jsonSerializer',
      serializers: { jsonSerializer: JSONSerializer },
    }, {}, '@meridian/ledger-chaincode', '0.1.0');
  }

  /** While false, every call fails like a gateway whose peer is down. */
  setAvailable(available: boolean): void {
    this.available = available;
  }

  private assertAvailable(): void {
    if (!this.available) {
      const cause = serviceError(GrpcStatus.UNAVAILABLE, 'No connection established');
      throw new GatewayError({ code: GrpcStatus.UNAVAILABLE, details: [], cause, message: cause.message });
    }
  }

  private async simulate(snapshot: StateSnapshot, creator: SerializedIdentity, peerMspId: string, txId: string, timestamp: Date, name: string, args: Array<string | Uint8Array>) {
    const stub = new ChaincodeStubDouble(snapshot, {
      args: [Buffer.from(name), ...args.map((a) => (typeof a === 'string' ? Buffer.from(a, 'utf8') : Buffer.from(a)))],
      txId,
      channelId: this.channel,
      creator,
      timestamp,
      peerMspId,
    });
    this.simulations += 1;
    const response = await this.chaincode.Invoke(stub);
    return { response, stub };
  }

  private newTxId(creator: SerializedIdentity): string {
    return createHash('sha256').update(randomBytes(24)).update(creator.idBytes).digest('hex');
  }

  /**
   * Endorses a transaction on every endorsing peer. Throws EndorseError when
   * the chaincode fails on any of them or their results differ.
   */
  async endorse(mspId: FixtureMsp, name: string, args: Array<string | Uint8Array>, options: { txId?: string } = {}): Promise<Endorsement> {
    this.assertAvailable();
    const creator = fixtureIdentity(mspId);
    const txId = options.txId ?? this.newTxId(creator);
    const timestamp = this.clock();
    // All endorsing peers are assumed to be at the same block height.
    const snapshot = this.world.snapshot();
    const results: Array<{ peerMsp: string; response: ChaincodeResponse; stub: ChaincodeStubDouble }> = [];
    for (const peerMsp of this.endorsers) results.push({ peerMsp, ...(await this.simulate(snapshot, creator, peerMsp, txId, timestamp, name, args)) });

    const failures: ErrorDetail[] = results
      .filter((r) => r.response.status >= 400)
      .map((r) => ({
        address: `peer0.${r.peerMsp.replace(/MSP$/, '').toLowerCase()}.meridian.example:7051`,
        mspId: r.peerMsp,
        message: `chaincode response ${r.response.status}, ${r.response.message ?? ''}`,
      }));
    if (failures.length > 0) {
      const cause = serviceError(GrpcStatus.ABORTED, 'failed to endorse transaction, see attached details for more info');
      throw new EndorseError({ code: GrpcStatus.ABORTED, details: failures, cause, transactionId: txId, message: cause.message });
    }
    const fingerprint = (r: (typeof results)[number]): string =>
      JSON.stringify({
        payload: Buffer.from(r.response.payload ?? []).toString('base64'),
        rwset: r.stub.readWriteSet(),
        event: r.stub.chaincodeEvent(),
      });
    const first = results[0]!;
    if (results.some((r) => fingerprint(r) !== fingerprint(first))) {
      const cause = serviceError(GrpcStatus.ABORTED, 'failed to collect enough transaction endorsements, see attached details for more info');
      throw new EndorseError({
        code: GrpcStatus.ABORTED,
        details: [{ address: 'gateway', mspId: first.peerMsp, message: 'ProposalResponsePayloads do not match' }],
        cause,
        transactionId: txId,
        message: cause.message,
      });
    }
    return {
      tx: { txId, rwset: first.stub.readWriteSet(), ...(first.stub.chaincodeEvent() ? { event: first.stub.chaincodeEvent()! } : {}) },
      payload: Buffer.from(first.response.payload ?? []),
    };
  }

  /** Orders the endorsed transactions into one block and commits it. */
  commit(...endorsements: Endorsement[]): TxValidationCodeValue[] {
    return this.world.commitBlock(endorsements.map((e) => e.tx));
  }

  /** Endorse + commit, like `Contract.submitTransaction`. */
  async submit(mspId: FixtureMsp, name: string, ...args: Array<string | Uint8Array>): Promise<Uint8Array> {
    const e = await this.endorse(mspId, name, args);
    this.assertAvailable();
    const [code] = this.commit(e);
    if (code !== TxValidationCode.VALID) {
      throw new CommitError({
        code: code as never,
        transactionId: e.tx.txId,
        message: `Transaction ${e.tx.txId} failed to commit with status code ${String(code)} (${VALIDATION_NAMES[code!] ?? 'UNKNOWN'})`,
      });
    }
    return e.payload;
  }

  /** Runs on one peer, discards writes, like `Contract.evaluateTransaction`. */
  async evaluate(mspId: FixtureMsp, name: string, ...args: Array<string | Uint8Array>): Promise<Uint8Array> {
    this.assertAvailable();
    const creator = fixtureIdentity(mspId);
    const peerMsp = this.endorsers[0]!;
    const { response } = await this.simulate(this.world.snapshot(), creator, peerMsp, this.newTxId(creator), this.clock(), name, args);
    if (response.status >= 400) {
      const message = `evaluate call to endorser returned error: chaincode response ${response.status}, ${response.message ?? ''}`;
      const cause = serviceError(GrpcStatus.UNKNOWN, message);
      throw new GatewayError({
        code: GrpcStatus.UNKNOWN,
        details: [{ address: `peer0.${peerMsp.replace(/MSP$/, '').toLowerCase()}.meridian.example:7051`, mspId: peerMsp, message: `chaincode response ${response.status}, ${response.message ?? ''}` }],
        cause,
        message: cause.message,
      });
    }
    return Buffer.from(response.payload ?? []);
  }

  /** A gateway-Contract look-alike bound to one client identity. */
  contract(mspId: FixtureMsp): ContractLikeDouble {
    return {
      submitTransaction: (name, ...args) => this.submit(mspId, name, ...args),
      evaluateTransaction: (name, ...args) => this.evaluate(mspId, name, ...args),
    };
  }

  /** Convenience: InitConfig with TEST_CONFIG (or `config`) as an admin. */
  async init(config: object = TEST_CONFIG, mspId: FixtureMsp = 'EUMSP'): Promise<void> {
    await this.submit(mspId, 'InitConfig', JSON.stringify(config));
  }
}
