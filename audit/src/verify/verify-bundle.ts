import type { Verdict, VerdictItem } from './verdict.ts';
import type { TrustPolicy, TrustedKey } from './trust-policy.ts';
import { evidenceBundleSchema, type BundleInput } from './evidence-bundle-schema.ts';
import { verifierPrimitives as p } from './verifier-primitives.ts';
import { readSignedNote } from './read-signed-note.ts';
import { readCheckpoint, type ReadCheckpoint } from './read-checkpoint.ts';
import { readLeaf, type ReadLeaf } from './read-leaf.ts';
import { readTlogProof } from './read-tlog-proof.ts';
import { rfc9162InclusionRoot } from './rfc9162-inclusion-root.ts';
import { rfc9162ConsistencyCheck } from './rfc9162-consistency-check.ts';
import { rebuildTree } from './rebuild-tree.ts';
import { hashLeaf } from '../merkle/hashes.ts';

interface Judged {
  cp: ReadCheckpoint;
  text: string;
  trusted: boolean;
}

/**
 * Checks an evidence bundle offline and explains the outcome item by item.
 * It shares no code with the writer beyond SHA-256 hashing: notes,
 * checkpoints, proofs and leaves are re-read and re-checked here from the
 * specifications (RFC 9162, C2SP signed-note, tlog-checkpoint,
 * tlog-cosignature, tlog-proof). Without a trust policy nothing can be
 * trusted, so the verdict fails.
 *
 * @example
 * const verdict = verifyBundle(JSON.parse(readFileSync(file, 'utf8')), readTrustFile(readFileSync(trustFile, 'utf8')));
 * console.log(formatVerdict(verdict));
 */
export function verifyBundle(input: unknown, trust: TrustPolicy | undefined): Verdict {
  const items: VerdictItem[] = [];
  const add = (section: VerdictItem['section'], ok: boolean | 'warn', check: string, detail?: string) =>
    items.push({ section, status: ok === 'warn' ? 'warn' : ok ? 'pass' : 'fail', check, ...(detail ? { detail } : {}) });

  const parsed = evidenceBundleSchema.safeParse(input);
  if (!parsed.success) {
    const where = parsed.error.issues.slice(0, 3).map((i) => i.path.join('.') || 'top level').join(', ');
    add('trust', false, 'The file is a Meridian evidence bundle', `it is not: the structure is wrong at ${where}`);
    return { ok: false, origin: '(unknown)', about: '(unreadable bundle)', items };
  }
  const bundle = parsed.data;
  const logKeys = (trust?.logs ?? []).filter((k) => k.name === bundle.origin);
  if (!trust) {
    add('trust', false, 'Trusted public keys were provided', 'no trust file was given, so no signature can be checked; pass --trust FILE');
  } else if (logKeys.length === 0) {
    add('trust', false, `The trust file lists a key for the log ${bundle.origin}`, 'it does not, so this log’s signatures cannot be checked');
  } else {
    add('trust', true, `Using ${logKeys.length} trusted key(s) for ${bundle.origin} and ${trust.witnesses.length} witness key(s); ${trust.witnessQuorum} witness countersignature(s) required per checkpoint`);
  }

  const judge = (note: string, label: string, report: boolean): Judged | undefined => {
    const read = readSignedNote(note);
    if ('problem' in read) {
      if (report) add('checkpoints', false, `${label} can be read`, `it cannot: ${read.problem}`);
      return undefined;
    }
    const cp = readCheckpoint(read.text);
    if ('problem' in cp) {
      if (report) add('checkpoints', false, `${label} can be read`, `it cannot: ${cp.problem}`);
      return undefined;
    }
    const name = `Checkpoint of ${cp.size} entries`;
    if (cp.origin !== bundle.origin) {
      if (report) add('checkpoints', false, `${name} belongs to ${bundle.origin}`, `it names another log, ${cp.origin}`);
      return undefined;
    }
    const message = Buffer.from(read.text, 'utf8');
    const mine = read.signatures.filter((s) => logKeys.some((k) => k.name === s.name && p.same(k.keyId, s.keyId)));
    const logOk = mine.length > 0 && mine.every((s) => logKeys.some((k) => p.same(k.keyId, s.keyId) && p.ed25519(k.publicKey, message, s.signature)));
    if (report) {
      add('checkpoints', logOk, `${name} is signed by the log ${bundle.origin}`,
        logOk ? undefined : mine.length === 0 ? 'it carries no signature from the trusted log key' : 'the signature does not match the checkpoint: the checkpoint or its signature was altered');
    }
    let witnessesOk = true;
    if (trust && trust.witnessQuorum > 0) {
      const good: string[] = [];
      const bad: string[] = [];
      for (const w of trust.witnesses) {
        const lines = read.signatures.filter((s) => s.name === w.name && p.same(s.keyId, w.keyId));
        if (lines.length === 0) continue;
        (lines.every((s) => cosignatureOk(w, read.text, s.signature)) ? good : bad).push(w.name);
      }
      witnessesOk = good.length >= trust.witnessQuorum && bad.length === 0;
      if (report) {
        const detail = bad.length > 0
          ? `the countersignature of ${bad.join(', ')} does not match the checkpoint: something was altered`
          : good.length < trust.witnessQuorum ? `only ${good.length} valid countersignature(s) (${good.join(', ') || 'none'}) of the ${trust.witnessQuorum} required` : undefined;
        add('checkpoints', witnessesOk, `${name} is countersigned by at least ${trust.witnessQuorum} independent witness(es)${good.length ? ` (${good.join(', ')})` : ''}`, detail);
      }
    }
    const known = (trust ? [...logKeys, ...trust.witnesses] : []).length;
    const unknown = read.signatures.filter((s) => !logKeys.some((k) => k.name === s.name && p.same(k.keyId, s.keyId)) && !(trust?.witnesses ?? []).some((w) => w.name === s.name && p.same(w.keyId, s.keyId)));
    if (report && unknown.length > 0 && known > 0) add('checkpoints', 'warn', `${name}: ${unknown.length} signature(s) from keys not in the trust file were ignored`);
    return { cp, text: read.text, trusted: logOk && witnessesOk && !!trust };
  };

  // Checkpoints, in the order given.
  const judged = bundle.checkpoints.map((note, i) => judge(note, `Checkpoint ${i + 1}`, true));
  const readable = judged.filter((j): j is Judged => !!j);
  const trusted = readable.filter((j) => j.trusted);

  // History: each checkpoint must extend the one before it.
  for (let i = 1; i < judged.length; i++) {
    const a = judged[i - 1];
    const b = judged[i];
    if (!a || !b) continue;
    const claim = `The log only grew between ${a.cp.size} and ${b.cp.size} entries: nothing recorded earlier was changed or removed`;
    if (b.cp.size < a.cp.size) {
      add('history', false, claim, 'the checkpoints are out of order (the later one is smaller)');
      continue;
    }
    if (bundle.fullLog) continue; // shown below by rebuilding every checkpoint from the same entries
    if (a.cp.size === b.cp.size) {
      const same = p.same(a.cp.root, b.cp.root);
      add('history', same, claim, same ? undefined : `two different checkpoints of ${a.cp.size} entries exist (a split view): fingerprints ${p.short(a.cp.root)}… and ${p.short(b.cp.root)}…`);
      continue;
    }
    const proof = bundle.consistency.find((c) => c.from === a.cp.size && c.to === b.cp.size);
    if (!proof) {
      add('history', false, claim, 'the bundle contains no consistency proof for this step');
      continue;
    }
    const hashes = proof.hashes.map((h) => p.base64(h));
    const problem = hashes.some((h) => !h)
      ? 'the consistency proof contains a malformed hash'
      : rfc9162ConsistencyCheck(a.cp.size, b.cp.size, hashes as Uint8Array[], a.cp.root, b.cp.root);
    add('history', !problem, claim, problem);
  }

  // Entries and their inclusion proofs.
  for (const e of bundle.entries) {
    const leafBytes = p.base64(e.leaf);
    const leaf = leafBytes ? readLeaf(leafBytes) : { problem: 'the entry is not valid base64' };
    const label = 'problem' in leaf ? `Entry ${e.index}` : describe(e.index, leaf);
    if ('problem' in leaf || !leafBytes) {
      add('entries', false, `${label} is a well-formed ledger entry`, 'problem' in leaf ? leaf.problem : undefined);
      continue;
    }
    const q = bundle.query;
    if ('refId' in q && leaf.refId !== q.refId) add('entries', false, `${label} is about ${q.refId}`, `it is about ${leaf.refId}`);
    if ('indexes' in q && !q.indexes.includes(e.index)) add('entries', false, `${label} was among the entries asked for`);
    const proof = readTlogProof(e.proof);
    if ('problem' in proof) {
      add('entries', false, `${label} is recorded in the log`, proof.problem);
      continue;
    }
    if (proof.index !== e.index) {
      add('entries', false, `${label} is recorded in the log`, `its proof is for entry ${proof.index}`);
      continue;
    }
    const anchor = judge(proof.checkpointNote, 'The checkpoint inside the proof', false);
    if (!anchor || !trusted.some((g) => g.text === anchor.text)) {
      add('entries', false, `${label} is recorded in the log`, 'its proof refers to a checkpoint that is not one of the verified checkpoints of this bundle');
      continue;
    }
    const computed = rfc9162InclusionRoot(e.index, anchor.cp.size, hashLeaf(leafBytes), proof.hashes);
    if (typeof computed === 'string') {
      add('entries', false, `${label} is recorded in the log`, computed);
    } else {
      const ok = p.same(computed, anchor.cp.root);
      add('entries', ok, `${label} is recorded in the log of ${anchor.cp.size} entries`,
        ok ? undefined : `the proof leads to fingerprint ${p.short(computed)}… but the signed checkpoint says ${p.short(anchor.cp.root)}…: the entry or its proof was altered`);
    }
  }

  if (bundle.fullLog) checkFullLog(bundle.fullLog, readable, add);
  if (bundle.entries.length === 0 && !bundle.fullLog) add('entries', 'warn', 'The bundle contains no entries');

  return { ok: items.every((i) => i.status !== 'fail'), origin: bundle.origin, about: bundle.about, items };
}

function cosignatureOk(key: TrustedKey, checkpointText: string, signature: Uint8Array): boolean {
  if (signature.length !== 72) return false;
  const time = Buffer.from(signature).readBigUInt64BE(0);
  const message = Buffer.from(`cosignature/v1\ntime ${time}\n${checkpointText}`, 'utf8');
  return p.ed25519(key.publicKey, message, signature.subarray(8));
}

function describe(index: number, leaf: ReadLeaf): string {
  const when = leaf.time.replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC');
  return `Entry ${index} (${leaf.type.replace('_', ' ')}, region ${leaf.region}, ${when}, reference ${leaf.refId})`;
}

function checkFullLog(
  full: NonNullable<BundleInput['fullLog']>,
  checkpoints: Judged[],
  add: (section: VerdictItem['section'], ok: boolean | 'warn', check: string, detail?: string) => void,
): void {
  const leafHashes: Uint8Array[] = [];
  const broken: string[] = [];
  full.leaves.forEach((b64, i) => {
    const bytes = b64 === '' ? undefined : p.base64(b64);
    const leaf = bytes && readLeaf(bytes);
    if (!bytes || !leaf || 'problem' in leaf) broken.push(`entry ${i}: ${!bytes ? 'missing' : leaf && 'problem' in leaf ? leaf.problem : 'unreadable'}`);
    leafHashes.push(hashLeaf(bytes ?? new Uint8Array()));
  });
  add('storage', broken.length === 0, `All ${full.leaves.length} stored entries are well-formed`, broken.length ? `${broken.length} are not: ${broken.slice(0, 5).join('; ')}` : undefined);
  add('storage', full.headSize === full.leaves.length, `The log’s recorded size (${full.headSize}) matches the number of stored entries (${full.leaves.length})`);

  const sizes = checkpoints.map((c) => c.cp.size);
  const { roots, levels } = rebuildTree(leafHashes, sizes, full.tileHeight);
  for (const c of checkpoints) {
    const claim = `The stored entries reproduce the signed checkpoint of ${c.cp.size} entries`;
    if (c.cp.size > leafHashes.length) {
      add('storage', false, claim, `only ${leafHashes.length} entries are stored`);
      continue;
    }
    const root = roots.get(c.cp.size)!;
    const ok = p.same(root, c.cp.root);
    add('storage', ok, claim, ok ? undefined : `recomputed fingerprint ${p.short(root)}… differs from the signed ${p.short(c.cp.root)}…: stored entries were changed`);
  }
  if (checkpoints.length > 1) {
    add('history', true, `All ${checkpoints.length} checkpoints are prefixes of the same stored entries, so the log only ever grew`);
  }
  const lastSigned = Math.max(0, ...sizes);
  if (leafHashes.length > lastSigned) add('storage', 'warn', `${leafHashes.length - lastSigned} entries are newer than the latest checkpoint and not yet signed`);

  // Every stored tile must be exactly what the entries imply, and none may be missing.
  const W = 2 ** full.tileHeight;
  const expected = new Map<string, Buffer>();
  levels.forEach((hashes, level) => {
    if (level % full.tileHeight !== 0) return;
    for (let t = 0; t * W < hashes.length; t++) expected.set(`${level / full.tileHeight}/${t}`, Buffer.concat(hashes.slice(t * W, (t + 1) * W)));
  });
  const wrong: string[] = [];
  const seen = new Set<string>();
  for (const tile of full.tiles) {
    const key = `${tile.level}/${tile.index}`;
    seen.add(key);
    const want = expected.get(key);
    const have = p.base64(tile.hashes);
    if (!want) wrong.push(`tile ${key} should not exist`);
    else if (!have || !want.equals(have)) wrong.push(`tile ${key} does not match the entries`);
  }
  for (const key of expected.keys()) if (!seen.has(key)) wrong.push(`tile ${key} is missing`);
  add('storage', wrong.length === 0, `All ${full.tiles.length} stored hash tiles match the stored entries`, wrong.length ? wrong.slice(0, 5).join('; ') : undefined);
}
