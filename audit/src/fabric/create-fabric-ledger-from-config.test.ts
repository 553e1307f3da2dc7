import { describe, expect, test } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { ed25519NoteSigner } from '../note/ed25519-note-signer.ts';
import type { FabricConnectionOptions } from './connect-gateway.ts';
import { createFabricLedgerFromConfig } from './create-fabric-ledger-from-config.ts';
import type { ContractLike } from './contract-like.ts';

const signer = ed25519NoteSigner('meridian.local/ledger/sea', generateKeyPairSync('ed25519').privateKey);
const contract: ContractLike = {
  submitTransaction: async () => Buffer.from('{}'),
  evaluateTransaction: async () => Buffer.from(JSON.stringify({ region: 'sea', size: 4, root: 'ab'.repeat(32) })),
};

function capture() {
  const seen: FabricConnectionOptions[] = [];
  let closed = 0;
  return {
    seen,
    closed: () => closed,
    connect: (o: FabricConnectionOptions) => {
      seen.push(o);
      return { contract, close: () => void closed++ };
    },
  };
}

const files = { '/tls.pem': 'TLS-PEM', '/cert.pem': 'CERT-PEM', '/key.pem': 'KEY-PEM' } as Record<string, string>;
const readFile = (p: string): Uint8Array => {
  if (!(p in files)) throw new Error(`ENOENT ${p}`);
  return Buffer.from(files[p]!);
};
const full = {
  MERIDIAN_LEDGER: 'fabric',
  FABRIC_PEER_ENDPOINT: 'peer0.sea.meridian.example:9051',
  FABRIC_TLS_CERT: '/tls.pem',
  FABRIC_MSP_ID: 'SEAMSP',
  FABRIC_CERT: '/cert.pem',
  FABRIC_KEY: '/key.pem',
};

describe('createFabricLedgerFromConfig', () => {
  test('returns undefined unless MERIDIAN_LEDGER=fabric', () => {
    const c = capture();
    expect(createFabricLedgerFromConfig({}, { region: 'sea', signer, connect: c.connect })).toBeUndefined();
    expect(createFabricLedgerFromConfig({ MERIDIAN_LEDGER: 'postgres' }, { region: 'sea', signer, connect: c.connect })).toBeUndefined();
    expect(c.seen).toHaveLength(0);
  });

  test('an unknown backend name is refused', () => {
    expect(() => createFabricLedgerFromConfig({ MERIDIAN_LEDGER: 'mongo' }, { region: 'sea', signer })).toThrow(
      expect.objectContaining({ code: 'BAD_INPUT', evidence: expect.objectContaining({ variable: 'MERIDIAN_LEDGER' }) }),
    );
  });

  test('names every missing variable, never a value', () => {
    let err: unknown;
    try {
      createFabricLedgerFromConfig({ MERIDIAN_LEDGER: 'fabric', FABRIC_MSP_ID: 'SEAMSP', FABRIC_KEY: '  ' }, { region: 'sea', signer });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MeridianError);
    expect((err as MeridianError).evidence).toEqual({ missing: ['FABRIC_PEER_ENDPOINT', 'FABRIC_TLS_CERT', 'FABRIC_CERT', 'FABRIC_KEY'] });
  });

  test('reads files, applies defaults and builds a working ledger', async () => {
    const c = capture();
    const h = createFabricLedgerFromConfig(full, { region: 'sea', signer, connect: c.connect, readFile })!;
    expect(c.seen).toHaveLength(1);
    const o = c.seen[0]!;
    expect(o).toMatchObject({ peerEndpoint: 'peer0.sea.meridian.example:9051', mspId: 'SEAMSP', channel: 'meridian-audit', chaincode: 'meridian-ledger' });
    expect(Buffer.from(o.tlsRootCert as Uint8Array).toString()).toBe('TLS-PEM');
    expect(Buffer.from(o.certificate).toString()).toBe('CERT-PEM');
    expect(Buffer.from(o.privateKey as Uint8Array).toString()).toBe('KEY-PEM');
    expect(o.peerHostAlias).toBeUndefined();
    expect(h.describe).toEqual({ peerEndpoint: 'peer0.sea.meridian.example:9051', mspId: 'SEAMSP', channel: 'meridian-audit', chaincode: 'meridian-ledger', tls: true });
    expect(await h.ledger.size()).toBe(4);
    expect(h.ledger.origin).toBe('meridian.local/ledger/sea');
    h.close();
    expect(c.closed()).toBe(1);
  });

  test('overrides: channel, chaincode, host alias, inline PEM, signcerts and keystore directories', () => {
    const dir = mkdtempSync(join(tmpdir(), 'meridian-fabric-'));
    try {
      mkdirSync(join(dir, 'keystore'));
      writeFileSync(join(dir, 'keystore', 'abc_sk'), 'KEYSTORE-PEM');
      mkdirSync(join(dir, 'signcerts'));
      writeFileSync(join(dir, 'signcerts', 'User1@sea.meridian.example-cert.pem'), 'SIGNCERT-PEM');
      const c = capture();
      createFabricLedgerFromConfig(
        {
          ...full,
          FABRIC_CERT: join(dir, 'signcerts'),
          FABRIC_TLS_CERT: '-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----',
          FABRIC_KEY: join(dir, 'keystore'),
          FABRIC_CHANNEL: 'audit-2',
          FABRIC_CHAINCODE: 'ledger-2',
          FABRIC_PEER_HOST_ALIAS: 'peer0.sea.meridian.example',
        },
        { region: 'sea', signer, connect: c.connect },
      );
      const o = c.seen[0]!;
      expect(Buffer.from(o.tlsRootCert as Uint8Array).toString()).toBe('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----');
      expect(Buffer.from(o.certificate).toString()).toBe('SIGNCERT-PEM');
      expect(Buffer.from(o.privateKey as Uint8Array).toString()).toBe('KEYSTORE-PEM');
      expect(o).toMatchObject({ channel: 'audit-2', chaincode: 'ledger-2', peerHostAlias: 'peer0.sea.meridian.example' });
      writeFileSync(join(dir, 'keystore', 'second_sk'), 'X');
      expect(() => createFabricLedgerFromConfig({ ...full, FABRIC_KEY: join(dir, 'keystore') }, { region: 'sea', signer, connect: c.connect, readFile })).toThrow(
        expect.objectContaining({ code: 'BAD_INPUT', evidence: expect.objectContaining({ variable: 'FABRIC_KEY', files: 2 }) }),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('FABRIC_TLS_CERT=insecure selects plaintext (local experiments only)', () => {
    const c = capture();
    const h = createFabricLedgerFromConfig({ ...full, FABRIC_TLS_CERT: 'insecure' }, { region: 'sea', signer, connect: c.connect, readFile })!;
    expect(c.seen[0]!.tlsRootCert).toBe('insecure');
    expect(h.describe.tls).toBe(false);
  });

  test('an unreadable file is BAD_INPUT naming the variable', () => {
    expect(() => createFabricLedgerFromConfig({ ...full, FABRIC_CERT: '/missing.pem' }, { region: 'sea', signer, connect: capture().connect, readFile })).toThrow(
      expect.objectContaining({ code: 'BAD_INPUT', evidence: { variable: 'FABRIC_CERT' } }),
    );
  });
});
