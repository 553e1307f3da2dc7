import { describe, expect, it } from 'vitest';
import { decodeOid, derChildren, encodeDer, encodeOid, readDer, readDerExact } from './der.ts';
import { MERIDIAN_OIDS } from './meridian-oids.ts';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('DER codec', () => {
  it('encodes OIDs to their known DER', () => {
    expect(hex(encodeOid('1.2.840.113549.1.1.11'))).toBe('06092a864886f70d01010b');
    expect(hex(encodeOid('2.5.4.3'))).toBe('0603550403');
    // X.667's example UUID OID; expected bytes from `openssl asn1parse -genstr OID:…`.
    expect(hex(encodeOid('2.25.329800735698586629295641978511506172918'))).toBe('06146983f09da7ebcfdee0c7a1a7b2c0948cc8f9d776');
    expect(hex(encodeOid(MERIDIAN_OIDS.ledgerPublicKey))).toBe('0615698295a0c5eae7829a94878ad8c1f4caaaf1f75003');
  });

  it('round-trips the 128-bit Meridian arc that node-forge cannot encode', () => {
    for (const oid of Object.values(MERIDIAN_OIDS)) {
      const der = encodeOid(oid);
      expect(decodeOid(readDerExact(der).content)).toBe(oid);
    }
  });

  it('rejects non-minimal and truncated OIDs', () => {
    expect(() => decodeOid(Uint8Array.from([0x2a, 0x80, 0x01]))).toThrow(/minimally/);
    expect(() => decodeOid(Uint8Array.from([0x2a, 0x86]))).toThrow(/inside an arc/);
    expect(() => encodeOid('1.40.1')).toThrow(/second arc/);
    expect(() => encodeOid('1.02')).toThrow(/dotted/);
  });

  it('reads long-form lengths and nested elements', () => {
    const inner = encodeDer(0x04, new Uint8Array(300));
    const outer = encodeDer(0x30, inner);
    expect(hex(outer.subarray(0, 4))).toBe('3082'.concat('0130'));
    const [child] = derChildren(readDerExact(outer));
    expect(child?.content.length).toBe(300);
  });

  it('rejects indefinite lengths, non-minimal lengths, overruns and trailing bytes', () => {
    expect(() => readDer(Uint8Array.from([0x30, 0x80, 0x00, 0x00]))).toThrow(/indefinite/);
    expect(() => readDer(Uint8Array.from([0x04, 0x81, 0x05, 1, 2, 3, 4, 5]))).toThrow(/minimally/);
    expect(() => readDer(Uint8Array.from([0x04, 0x05, 1, 2]))).toThrow(/past the end/);
    expect(() => readDer(Uint8Array.from([0x04]))).toThrow(/truncated/);
    expect(() => readDerExact(Uint8Array.from([0x05, 0x00, 0x00]))).toThrow(/trailing/);
    expect(() => derChildren(readDerExact(Uint8Array.from([0x04, 0x00])))).toThrow(/not constructed/);
  });
});
