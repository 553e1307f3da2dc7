import { describe, expect, it } from 'vitest';
import { createHash, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { ed25519NoteSigner } from './ed25519-note-signer.ts';
import { signNote } from './sign-note.ts';
import { parseNote } from './parse-note.ts';
import { vkey } from './vkey.ts';
import { noteKeyId } from './note-key-id.ts';
import { strictBase64 } from './strict-base64.ts';
import { ed25519Verify } from './ed25519-verify.ts';
import { readSignedNote } from '../verify/read-signed-note.ts';
import { verifierPrimitives } from '../verify/verifier-primitives.ts';
import { ed25519Cosigner } from '../cosignature/ed25519-cosigner.ts';
import { cosignCheckpoint } from '../cosignature/cosign-checkpoint.ts';
import { verifyCosignature } from '../cosignature/verify-cosignature.ts';

// Known answer: golang.org/x/mod/sumdb/note (note.go package doc and note_test.go), the reference
// implementation of C2SP signed-note. Ed25519 is deterministic, so the signature must match byte for byte.
const GO = {
  privateKey: 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz',
  vkey: 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
  text: "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n",
  signatureLine: '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=',
};
const seedKey = (seed: Uint8Array) => createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]), format: 'der', type: 'pkcs8' });

describe('C2SP signed-note (Ed25519, type 0x01)', () => {
  const seed = Buffer.from(GO.privateKey.split('+').slice(4).join('+'), 'base64').subarray(1);
  const signer = ed25519NoteSigner('PeterNeumann', seedKey(seed));

  it('reproduces the Go reference key ID, vkey and signed note', () => {
    expect(vkey.format('PeterNeumann', 0x01, signer.publicKey)).toBe(GO.vkey);
    expect(Buffer.from(signer.keyId).toString('hex')).toBe('c74f20a3');
    expect(signNote(GO.text, [signer])).toBe(`${GO.text}\n${GO.signatureLine}\n`);
  });

  it('parses and verifies the reference note with both the writer’s and the auditor’s code', () => {
    const note = `${GO.text}\n${GO.signatureLine}\n`;
    const parsed = parseNote(note);
    expect(parsed.text).toBe(GO.text);
    const key = vkey.parse(GO.vkey);
    expect(ed25519Verify(key.publicKey, Buffer.from(parsed.text), parsed.signatures[0]!.signature)).toBe(true);
    const read = readSignedNote(note);
    expect('problem' in read).toBe(false);
    if (!('problem' in read)) expect(verifierPrimitives.ed25519(key.publicKey, Buffer.from(read.text), read.signatures[0]!.signature)).toBe(true);
  });

  it('computes key IDs as SHA-256(name ‖ 0x0A ‖ type ‖ key)[:4]', () => {
    const pub = signer.publicKey;
    const by = (type: number) => createHash('sha256').update(Buffer.concat([Buffer.from('PeterNeumann\n'), Buffer.from([type]), pub])).digest().subarray(0, 4);
    expect(Buffer.from(noteKeyId('PeterNeumann', 0x01, pub)).equals(by(1))).toBe(true);
    expect(Buffer.from(noteKeyId('PeterNeumann', 0x04, pub)).equals(by(4))).toBe(true);
  });

  it.each([
    ['no blank line', `${GO.text}${GO.signatureLine}\n`],
    ['no final newline', `${GO.text}\n${GO.signatureLine}`],
    ['a control character', `${GO.text.replace('cryptography', 'crypto\u0007graphy')}\n${GO.signatureLine}\n`],
    ['a hyphen instead of the em dash', `${GO.text}\n${GO.signatureLine.replace('—', '-')}\n`],
    ['non-canonical base64', `${GO.text}\n${GO.signatureLine.replace('AM=', 'AN=')}\n`],
    ['a stray character in the base64', `${GO.text}\n${GO.signatureLine.replace('x08go', 'x08g!')}\n`],
    ['a space in the key name', `${GO.text}\n— Peter Neumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`],
  ])('rejects a note with %s', (_why, note) => {
    expect(() => parseNote(note)).toThrow();
    expect('problem' in readSignedNote(note)).toBe(true);
  });

  it('rejects mangled vkeys', () => {
    for (const bad of [GO.vkey.replace('c74f20a3', 'c74f20a4'), GO.vkey.replace('+AR', '+Ah'), GO.vkey.slice(0, -1), `Peter+Neumann+${GO.vkey}`, GO.vkey.replace('+ARpc', '+AxRpc')]) {
      expect(() => vkey.parse(bad), bad).toThrow();
    }
  });

  it('decodes only canonical base64', () => {
    expect([...strictBase64('AAEC')!]).toEqual([0, 1, 2]);
    for (const bad of ['AAE', 'AAE!', 'AB==', 'AAEC\n', ' AAEC', 'AA=C']) expect(strictBase64(bad), bad).toBeUndefined();
  });
});

describe('C2SP tlog-cosignature v1 (Ed25519, type 0x04)', () => {
  const text = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
  const cosigner = ed25519Cosigner('witness.example.com/w1', generateKeyPairSync('ed25519').privateKey);
  const key = vkey.parse(vkey.format(cosigner.name, 0x04, cosigner.publicKey));

  it('signs "cosignature/v1\\ntime T\\n" + the checkpoint, with an 8-byte big-endian timestamp', () => {
    const line = cosignCheckpoint(text, cosigner, 1679315147);
    const sig = parseNote(`${text}\n${line}\n`).signatures[0]!;
    expect(Buffer.from(sig.keyId).equals(key.keyId)).toBe(true);
    expect(Buffer.from(sig.signature).readBigUInt64BE(0)).toBe(1679315147n);
    expect(ed25519Verify(key.publicKey, Buffer.from(`cosignature/v1\ntime 1679315147\n${text}`), sig.signature.subarray(8))).toBe(true);
    expect(verifyCosignature(text, sig, key)).toBe(1679315147);
    expect(verifyCosignature(text.replace('20852163', '20852164'), sig, key)).toBeUndefined();
  });

  it('reads the timestamp of the specification’s example cosignature', () => {
    const example = '— witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==';
    const sig = parseNote(`${text}\n${example}\n`).signatures[0]!;
    expect(sig.signature.length).toBe(72);
    expect(Buffer.from(sig.signature).readBigUInt64BE(0)).toBe(1679315147n);
  });

  it('does not accept a log key (type 0x01) as a cosigner', () => {
    const line = cosignCheckpoint(text, cosigner, 1);
    const sig = parseNote(`${text}\n${line}\n`).signatures[0]!;
    expect(verifyCosignature(text, sig, { ...key, type: 0x01 })).toBeUndefined();
  });
});
