/**
 * Minimal reading of a C2SP signed note carrying a tlog-checkpoint body:
 *
 *     <origin>\n<size>\n<base64 root>\n[extension lines\n]\n— <name> <base64 sig>\n...
 *
 * The chaincode checks the body against its own tree (size ≤ current size,
 * root = MTH of that size). It does not verify the Ed25519 signatures: it has
 * no keys, and `meridian verify` and the witnesses do that.
 */
import { LedgerContractError } from './errors';
import { MAX_NOTE_BYTES } from './codec';

export interface ParsedCheckpointNote {
  body: string;
  origin: string;
  size: number;
  root: Buffer;
  signatureLines: string[];
}

/** `— name base64` with an em dash (U+2014), as C2SP signed-note writes it. */
export const SIGNATURE_LINE = /^\u2014 [^\s\u2014]+ [A-Za-z0-9+/]+={0,2}$/;

function bad(reason: string): never {
  throw new LedgerContractError('MALFORMED', reason);
}

export function parseCheckpointNote(note: string): ParsedCheckpointNote {
  if (typeof note !== 'string' || Buffer.byteLength(note) > MAX_NOTE_BYTES) bad('checkpoint note missing or too large');
  if (!note.endsWith('\n')) bad('checkpoint note must end with a newline');
  const split = note.indexOf('\n\n');
  if (split < 0) bad('checkpoint note has no blank line between body and signatures');
  const body = note.slice(0, split + 1);
  const bodyLines = body.slice(0, -1).split('\n');
  if (bodyLines.length < 3) bad('checkpoint body needs origin, size and root lines');
  const [origin, sizeLine, rootLine] = bodyLines as [string, string, string];
  if (origin.length === 0 || /\s/.test(origin)) bad('checkpoint origin must be one non-empty token');
  if (!/^(0|[1-9][0-9]{0,15})$/.test(sizeLine) || !Number.isSafeInteger(Number(sizeLine))) bad('checkpoint size is not a decimal integer');
  if (!/^[A-Za-z0-9+/]{43}=$/.test(rootLine)) bad('checkpoint root is not base64 of 32 bytes');
  const signatureLines = parseSignatureLines(note.slice(split + 2).slice(0, -1).split('\n'));
  if (signatureLines.length === 0) bad('checkpoint note carries no signature');
  return { body, origin, size: Number(sizeLine), root: Buffer.from(rootLine, 'base64'), signatureLines };
}

export function parseSignatureLines(lines: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (typeof line !== 'string' || !SIGNATURE_LINE.test(line)) bad('not a signed-note signature line');
    out.push(line);
  }
  return out;
}

export function formatNote(body: string, signatureLines: readonly string[]): string {
  return `${body}\n${signatureLines.map((l) => `${l}\n`).join('')}`;
}
