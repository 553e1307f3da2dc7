import { readFileSync, readdirSync, statSync } from 'node:fs';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { Ledger } from '../ledger/ledger.ts';
import type { NoteSigner } from '../note/note-signer.ts';
import type { SaltSource } from '../ledger/commit-entries.ts';
import { connectFabricGateway, type FabricConnectionOptions } from './connect-gateway.ts';
import type { ContractLike } from './contract-like.ts';
import { fabricLedger } from './fabric-ledger.ts';

/**
 * Environment variables that select and configure the Fabric ledger backend.
 * Paths may also be given as inline PEM (a value starting with `-----BEGIN`).
 */
export const FABRIC_ENV = {
  /** `fabric` selects this backend; `postgres` or unset leaves the default. */
  MERIDIAN_LEDGER: 'MERIDIAN_LEDGER',
  /** Gateway peer `host:port`, e.g. `peer0.eu.meridian.example:7051`. Required. */
  FABRIC_PEER_ENDPOINT: 'FABRIC_PEER_ENDPOINT',
  /** Optional TLS server name override when the endpoint host differs from the peer certificate's name. */
  FABRIC_PEER_HOST_ALIAS: 'FABRIC_PEER_HOST_ALIAS',
  /** Path to the PEM CA certificate that issued the peer's TLS certificate. Required (`insecure` = plaintext, local only). */
  FABRIC_TLS_CERT: 'FABRIC_TLS_CERT',
  /** The client identity's MSP id (`EUMSP`, `SEAMSP`, `MEMSP`). Required. */
  FABRIC_MSP_ID: 'FABRIC_MSP_ID',
  /** Path to the client identity's PEM certificate, or to its signcerts directory holding exactly one file. Required. */
  FABRIC_CERT: 'FABRIC_CERT',
  /** Path to its PEM private key, or to a keystore directory holding exactly one key file. Required. */
  FABRIC_KEY: 'FABRIC_KEY',
  /** Channel name. Default `meridian-audit`. */
  FABRIC_CHANNEL: 'FABRIC_CHANNEL',
  /** Chaincode name. Default `meridian-ledger`. */
  FABRIC_CHAINCODE: 'FABRIC_CHAINCODE',
} as const;

export const FABRIC_DEFAULTS = { channel: 'meridian-audit', chaincode: 'meridian-ledger' } as const;

export interface FabricLedgerDeps {
  /** The node's region; its log on the channel is this one. */
  region: string;
  /** The region's log key (checkpoints are signed locally). */
  signer: NoteSigner;
  salts?: SaltSource;
  /** For tests: how a file is read (defaults to fs). */
  readFile?: (path: string) => Uint8Array;
  /** For tests: replaces the real gateway connection. */
  connect?: (options: FabricConnectionOptions) => { contract: ContractLike; close(): void };
}

export interface FabricLedgerHandle {
  ledger: Ledger;
  /** Closes the gateway connection. */
  close(): void;
  /** The resolved connection settings, without key material (for logs and status pages). */
  describe: { peerEndpoint: string; mspId: string; channel: string; chaincode: string; tls: boolean };
}

type Env = Readonly<Record<string, string | undefined>>;

function readPem(env: Env, name: string, readFile: (p: string) => Uint8Array, directoryOk = false): Uint8Array {
  const value = env[name]!;
  if (value.startsWith('-----BEGIN')) return Buffer.from(value.replace(/\\n/g, '\n'), 'utf8');
  try {
    if (directoryOk && statSync(value, { throwIfNoEntry: false })?.isDirectory()) {
      const files = readdirSync(value).filter((f) => !f.startsWith('.'));
      if (files.length !== 1) throw new MeridianError('BAD_INPUT', `${name} names a directory that does not hold exactly one file`, { variable: name, files: files.length });
      return readFile(`${value}/${files[0]}`);
    }
    return readFile(value);
  } catch (cause) {
    if (cause instanceof MeridianError) throw cause;
    throw new MeridianError('BAD_INPUT', `${name} does not name a readable file`, { variable: name }, { cause });
  }
}

/**
 * The ledger selection hook for the region node: returns a Fabric-backed
 * `Ledger` when `MERIDIAN_LEDGER=fabric`, `undefined` when another backend is
 * selected (unset or `postgres`). Throws `BAD_INPUT` naming the missing or
 * unreadable variables (never their values). Does not contact the peer; the
 * first ledger call does, and reports `UNAVAILABLE` if it cannot.
 *
 * @example
 * const fabric = createFabricLedgerFromConfig(process.env, { region: 'eu', signer });
 * const ledger = fabric?.ledger ?? postgresLedger({ db, signer });
 */
export function createFabricLedgerFromConfig(env: Env, deps: FabricLedgerDeps): FabricLedgerHandle | undefined {
  const selected = (env.MERIDIAN_LEDGER ?? '').trim().toLowerCase();
  if (selected === '' || selected === 'postgres') return undefined;
  if (selected !== 'fabric') {
    throw new MeridianError('BAD_INPUT', 'MERIDIAN_LEDGER must be "postgres" or "fabric"', { variable: 'MERIDIAN_LEDGER', value: selected.slice(0, 20) });
  }
  const required = ['FABRIC_PEER_ENDPOINT', 'FABRIC_TLS_CERT', 'FABRIC_MSP_ID', 'FABRIC_CERT', 'FABRIC_KEY'] as const;
  const missing = required.filter((k) => !env[k]?.trim());
  if (missing.length > 0) {
    throw new MeridianError('BAD_INPUT', `MERIDIAN_LEDGER=fabric needs ${missing.join(', ')}`, { missing: [...missing] });
  }
  const readFile = deps.readFile ?? ((p: string) => readFileSync(p));
  const insecure = env.FABRIC_TLS_CERT!.trim() === 'insecure';
  const options: FabricConnectionOptions = {
    peerEndpoint: env.FABRIC_PEER_ENDPOINT!.trim(),
    tlsRootCert: insecure ? 'insecure' : readPem(env, 'FABRIC_TLS_CERT', readFile),
    ...(env.FABRIC_PEER_HOST_ALIAS?.trim() ? { peerHostAlias: env.FABRIC_PEER_HOST_ALIAS.trim() } : {}),
    mspId: env.FABRIC_MSP_ID!.trim(),
    certificate: readPem(env, 'FABRIC_CERT', readFile, true),
    privateKey: readPem(env, 'FABRIC_KEY', readFile, true),
    channel: env.FABRIC_CHANNEL?.trim() || FABRIC_DEFAULTS.channel,
    chaincode: env.FABRIC_CHAINCODE?.trim() || FABRIC_DEFAULTS.chaincode,
  };
  const connection = (deps.connect ?? connectFabricGateway)(options);
  const ledger = fabricLedger({ contract: connection.contract, region: deps.region, signer: deps.signer, ...(deps.salts ? { salts: deps.salts } : {}) });
  return {
    ledger,
    close: () => connection.close(),
    describe: { peerEndpoint: options.peerEndpoint, mspId: options.mspId, channel: options.channel, chaincode: options.chaincode, tls: !insecure },
  };
}
