import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createCertificateAuthority, createRevocationList } from '@meridian/core/pki/index.ts';
import { loadCrossRegionConfig } from '../../../src/rights/cross-region/load-cross-region-config.ts';
import { lookupKeyOf } from '../../../src/rights/cross-region/lookup-key.ts';
import { enroll } from './federation-fixture.ts';

describe('cross-region configuration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xr-config-'));
  const key = randomBytes(32).toString('base64');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is absent without a lookup key; a node never makes one up', () => {
    expect(loadCrossRegionConfig('eu', {}, dir)).toEqual({});
  });

  it('takes the key from the environment, else from the node directory', () => {
    const expected = lookupKeyOf(new Uint8Array(Buffer.from(key, 'base64'))).id;
    expect(loadCrossRegionConfig('eu', { MERIDIAN_LOOKUP_KEY: key }).link?.lookupKey.id).toBe(expected);
    writeFileSync(join(dir, 'lookup-key.json'), JSON.stringify({ key }));
    expect(loadCrossRegionConfig('eu', {}, dir).link?.lookupKey.id).toBe(expected);
  });

  it('reads peers.json: clients for the other regions, and where to serve when it says so', async () => {
    const ca = createCertificateAuthority({ name: 'Meridian test federation CA', validDays: 30, keyBits: 2048 });
    const id = enroll(ca, 'eu');
    writeFileSync(join(dir, 'ca.pem'), ca.certPem);
    writeFileSync(join(dir, 'eu.pem'), id.cert);
    writeFileSync(join(dir, 'eu.key'), id.key);
    writeFileSync(join(dir, 'crl.json'), JSON.stringify(createRevocationList(ca)));
    const peers = { ca: 'ca.pem', cert: 'eu.pem', key: 'eu.key', revocationList: 'crl.json', listen: { host: '127.0.0.1', port: 0 }, peers: { eu: 'https://127.0.0.1:1', sea: 'https://127.0.0.1:2', me: 'https://127.0.0.1:3' } };
    writeFileSync(join(dir, 'peers.json'), JSON.stringify(peers));
    const cfg = loadCrossRegionConfig('eu', {}, dir);
    expect(cfg.link?.peers?.regions).toEqual(['sea', 'me']);
    expect(cfg.serve).toMatchObject({ host: '127.0.0.1', port: 0, cert: id.cert });
    await cfg.link?.peers?.close();
    // Serving needs the revocation list.
    writeFileSync(join(dir, 'peers.json'), JSON.stringify({ ...peers, revocationList: undefined }));
    expect(() => loadCrossRegionConfig('eu', {}, dir)).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });

  it('refuses a malformed peers file or a peers file without a key, with a typed error', () => {
    writeFileSync(join(dir, 'peers.json'), JSON.stringify({ peers: { mars: 'x' } }));
    expect(() => loadCrossRegionConfig('eu', {}, dir)).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    expect(() => loadCrossRegionConfig('eu', { MERIDIAN_PEERS_FILE: join(dir, 'peers.json') })).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    expect(() => loadCrossRegionConfig('eu', { MERIDIAN_LOOKUP_KEY: Buffer.from('short').toString('base64') })).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });
});
