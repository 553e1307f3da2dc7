/**
 * A deliberately small, strict DER reader and the two encoders the PKI needs.
 *
 * Why our own instead of node-forge's: the verifier must not share a parser
 * with the issuer (a bug in one should not be masked by the same bug in the
 * other), and node-forge cannot decode OID arcs wider than 53 bits, which the
 * `2.25.<UUID>` arc of `MERIDIAN_OIDS` needs. Everything here works on bytes
 * and throws a plain `Error` on malformed input; callers wrap it in a
 * `MeridianError` with their own context.
 */

/** One decoded tag-length-value element. `der` is the whole element, `content` its value octets. */
export interface DerElement {
  /** The identifier octet (class, constructed bit and tag number), e.g. 0x30 for SEQUENCE. */
  readonly tag: number;
  readonly der: Uint8Array;
  readonly content: Uint8Array;
}

/** Identifier octets used by Meridian certificates and CSRs. */
export const DER_TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  IA5_STRING: 0x16,
  SEQUENCE: 0x30,
  SET: 0x31,
  CONTEXT_0: 0xa0,
  CONTEXT_3: 0xa3,
} as const;

/**
 * Reads one element at `offset`. Indefinite lengths, high tag numbers and
 * lengths that run past the buffer are rejected (DER forbids the first two).
 *
 * @example
 * const cert = readDer(new X509Certificate(pem).raw);
 * const [tbs] = derChildren(cert);
 */
export function readDer(bytes: Uint8Array, offset = 0): DerElement & { end: number } {
  const at = (i: number): number => {
    const b = bytes[i];
    if (b === undefined) throw new Error(`DER truncated at byte ${i}`);
    return b;
  };
  const tag = at(offset);
  if ((tag & 0x1f) === 0x1f) throw new Error(`DER high tag numbers are not supported (byte ${offset})`);
  let cursor = offset + 1;
  const first = at(cursor++);
  let length: number;
  if (first < 0x80) {
    length = first;
  } else {
    const count = first & 0x7f;
    if (count === 0) throw new Error(`DER forbids indefinite lengths (byte ${offset})`);
    if (count > 4) throw new Error(`DER length of ${count} octets is too large (byte ${offset})`);
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + at(cursor++);
    if (length < 0x80 || at(cursor - count) === 0) throw new Error(`DER length is not minimally encoded (byte ${offset})`);
  }
  const end = cursor + length;
  if (end > bytes.length) throw new Error(`DER element at byte ${offset} runs past the end (${end} > ${bytes.length})`);
  return { tag, der: bytes.subarray(offset, end), content: bytes.subarray(cursor, end), end };
}

/** Reads a buffer that must hold exactly one element: trailing bytes are an error. */
export function readDerExact(bytes: Uint8Array): DerElement {
  const element = readDer(bytes, 0);
  if (element.end !== bytes.length) throw new Error(`${bytes.length - element.end} trailing bytes after DER element`);
  return element;
}

/** The children of a constructed element, in order. */
export function derChildren(parent: DerElement): DerElement[] {
  if ((parent.tag & 0x20) === 0) throw new Error(`DER tag 0x${parent.tag.toString(16)} is not constructed`);
  const out: DerElement[] = [];
  let offset = 0;
  while (offset < parent.content.length) {
    const child = readDer(parent.content, offset);
    out.push(child);
    offset = child.end;
  }
  return out;
}

/** Encodes a tag-length-value element (definite, minimal length). */
export function encodeDer(tag: number, content: Uint8Array): Uint8Array {
  let header: number[];
  if (content.length < 0x80) {
    header = [tag, content.length];
  } else {
    const lengthBytes: number[] = [];
    for (let n = content.length; n > 0; n = Math.floor(n / 256)) lengthBytes.unshift(n % 256);
    header = [tag, 0x80 | lengthBytes.length, ...lengthBytes];
  }
  const out = new Uint8Array(header.length + content.length);
  out.set(header, 0);
  out.set(content, header.length);
  return out;
}

/** Encodes a dotted OID as a full DER element. Arcs may be arbitrarily large (BigInt). */
export function encodeOid(oid: string): Uint8Array {
  if (!/^[0-2](\.(0|[1-9][0-9]*))+$/.test(oid)) throw new Error(`not a dotted OID: ${oid}`);
  const arcs = oid.split('.').map((a) => BigInt(a));
  const [first, second, ...rest] = arcs as [bigint, bigint, ...bigint[]];
  if (first < 2n && second > 39n) throw new Error(`OID second arc out of range: ${oid}`);
  const bytes: number[] = [];
  for (const arc of [first * 40n + second, ...rest]) {
    const group: number[] = [Number(arc & 0x7fn)];
    for (let v = arc >> 7n; v > 0n; v >>= 7n) group.unshift(Number(v & 0x7fn) | 0x80);
    bytes.push(...group);
  }
  return encodeDer(DER_TAG.OID, Uint8Array.from(bytes));
}

/** Decodes the content octets of an OID element to dotted form. */
export function decodeOid(content: Uint8Array): string {
  if (content.length === 0) throw new Error('empty OID');
  const arcs: bigint[] = [];
  let value = 0n;
  let fresh = true;
  for (const byte of content) {
    if (fresh && byte === 0x80) throw new Error('OID arc is not minimally encoded');
    value = (value << 7n) | BigInt(byte & 0x7f);
    fresh = (byte & 0x80) === 0;
    if (fresh) {
      arcs.push(value);
      value = 0n;
    }
  }
  if (!fresh) throw new Error('OID ends inside an arc');
  const [head, ...tail] = arcs as [bigint, ...bigint[]];
  const lead = head < 80n ? [head / 40n, head % 40n] : [2n, head - 80n];
  return [...lead, ...tail].join('.');
}
