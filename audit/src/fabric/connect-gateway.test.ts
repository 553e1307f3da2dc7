// The real Fabric Gateway client (grpc-js + X.509 identity + ECDSA signer)
// pointed at a loopback port where no peer listens: every ledger call must fail
// with a clean, typed UNAVAILABLE MeridianError, not a crash or a hang.
import { describe, expect, test } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { ed25519NoteSigner } from '../note/ed25519-note-signer.ts';
import { connectFabricGateway } from './connect-gateway.ts';
import { fabricLedger } from './fabric-ledger.ts';
import { createFabricLedgerFromConfig } from './create-fabric-ledger-from-config.ts';

// Any X.509 PEM serves as identity and TLS root here: no handshake ever happens.
const certPath = new URL('../../chaincode/test/fixtures/identities/EUMSP.pem', import.meta.url);
const certificate = readFileSync(certPath);
const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const signer = ed25519NoteSigner('meridian.local/ledger/eu', generateKeyPairSync('ed25519').privateKey);

async function closedLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

async function expectUnavailable(p: Promise<unknown>): Promise<MeridianError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(MeridianError);
  expect((err as MeridianError).code).toBe('UNAVAILABLE');
  expect((err as MeridianError).status).toBe(503);
  return err as MeridianError;
}

describe('real gateway, no peer listening', () => {
  test.each([
    ['TLS', certificate as Uint8Array],
    ['plaintext', 'insecure' as const],
  ])('%s: evaluate and submit fail with UNAVAILABLE', async (_name, tlsRootCert) => {
    const port = await closedLoopbackPort();
    const conn = connectFabricGateway({
      peerEndpoint: `127.0.0.1:${port}`,
      tlsRootCert,
      peerHostAlias: 'peer0.eu.meridian.example',
      mspId: 'EUMSP',
      certificate,
      privateKey,
      channel: 'meridian-audit',
      chaincode: 'meridian-ledger',
      deadlines: { evaluateMs: 3000, endorseMs: 3000, submitMs: 3000, commitStatusMs: 3000 },
    });
    try {
      const ledger = fabricLedger({ contract: conn.contract, region: 'eu', signer });
      const e1 = await expectUnavailable(ledger.size());
      expect(e1.evidence).toMatchObject({ transaction: 'GetHead', grpcCode: 14 });
      expect(e1.message).toMatch(/unavailable/i);
      await expectUnavailable(ledger.inclusionProof(0, 1));
      await expectUnavailable(ledger.checkpoint());
      // A submit path too (PutCheckpoint is never reached; AddCosignatures submits directly).
      const e2 = await expectUnavailable(ledger.addCosignatures(1, ['\u2014 witness AAAA']));
      expect(e2.evidence).toMatchObject({ transaction: 'AddCosignatures' });
    } finally {
      conn.close();
      conn.close();
    }
  });

  test('through createFabricLedgerFromConfig with key and cert files', async () => {
    const port = await closedLoopbackPort();
    const keyPem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const handle = createFabricLedgerFromConfig(
      {
        MERIDIAN_LEDGER: 'fabric',
        FABRIC_PEER_ENDPOINT: `localhost:${port}`,
        FABRIC_TLS_CERT: certPath.pathname,
        FABRIC_MSP_ID: 'EUMSP',
        FABRIC_CERT: certPath.pathname,
        FABRIC_KEY: keyPem,
      },
      { region: 'eu', signer },
    );
    expect(handle).toBeDefined();
    try {
      expect(handle!.describe).toEqual({ peerEndpoint: `localhost:${port}`, mspId: 'EUMSP', channel: 'meridian-audit', chaincode: 'meridian-ledger', tls: true });
      await expectUnavailable(handle!.ledger.size());
    } finally {
      handle!.close();
    }
  });

  test('local misconfiguration is BAD_INPUT at connect time', () => {
    const base = { peerEndpoint: '127.0.0.1:1', tlsRootCert: 'insecure' as const, mspId: 'EUMSP', certificate, privateKey, channel: 'c', chaincode: 'cc' };
    expect(() => connectFabricGateway({ ...base, peerEndpoint: 'no port here' })).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    expect(() => connectFabricGateway({ ...base, privateKey: Buffer.from('not a key') })).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    expect(() => connectFabricGateway({ ...base, privateKey: rsa })).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });
});
