import { randomBytes } from 'node:crypto';

/**
 * Canonical form of a certificate serial number: uppercase hex without
 * leading zeros, which is how node:crypto's `X509Certificate.serialNumber`
 * prints it once padding is dropped. Revocation lists and evidence always use
 * this form so that `00AB` and `ab` compare equal.
 *
 * @example
 * normalizeSerial('00ab12') // 'AB12'
 */
export function normalizeSerial(serial: string): string {
  const hex = serial.trim().replace(/^0x/i, '').toUpperCase();
  if (!/^[0-9A-F]+$/.test(hex)) throw new Error('a certificate serial is hex');
  return hex.replace(/^0+(?=.)/, '');
}

/**
 * A fresh 128-bit serial: 126 random bits with the top byte in 0x40..0x7F so
 * the DER INTEGER is positive, has no padding byte and is always 16 bytes
 * (RFC 5280 allows at most 20; CA/B asks for at least 64 random bits).
 *
 * @example
 * randomSerial() // '5F3A…' (32 hex digits)
 */
export function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = 0x40 | ((bytes[0] ?? 0) & 0x3f);
  return bytes.toString('hex').toUpperCase();
}

/**
 * Orders canonical serials numerically (shorter is smaller, then by digits),
 * the order revocation lists keep their entries in.
 *
 * @example
 * ['7AAA', '401B'].sort(compareSerials) // ['401B', '7AAA']
 */
export function compareSerials(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
