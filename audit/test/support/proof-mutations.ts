/** A proof to verify: everything a verifier is given. */
export interface InclusionCase {
  index: number;
  size: number;
  leafHash: Uint8Array;
  hashes: Uint8Array[];
  root: Uint8Array;
}

export interface ConsistencyCase {
  from: number;
  to: number;
  hashes: Uint8Array[];
  root1: Uint8Array;
  root2: Uint8Array;
}

const flip = (h: Uint8Array, bit: number): Uint8Array => {
  const c = Uint8Array.from(h);
  c[bit >> 3]! ^= 1 << (bit & 7);
  return c;
};
const garbage = new Uint8Array(32).fill(0xa5);

/** Per-element mutations of a hash list: each element bit-flipped, dropped, duplicated; garbage before and after. */
function listMutations(hashes: Uint8Array[]): { name: string; hashes: Uint8Array[] }[] {
  const out: { name: string; hashes: Uint8Array[] }[] = [];
  hashes.forEach((h, i) => {
    out.push({ name: `element ${i} bit-flipped`, hashes: hashes.map((x, j) => (j === i ? flip(x, (i * 37) % 256) : x)) });
    out.push({ name: `element ${i} dropped`, hashes: hashes.filter((_, j) => j !== i) });
    out.push({ name: `element ${i} duplicated`, hashes: [...hashes.slice(0, i + 1), h, ...hashes.slice(i + 1)] });
  });
  out.push({ name: 'garbage appended', hashes: [...hashes, garbage] });
  out.push({ name: 'garbage prepended', hashes: [garbage, ...hashes] });
  out.push({ name: 'short element appended', hashes: [...hashes, new Uint8Array(31)] });
  return out;
}

/** Every corruption the issue lists for an inclusion proof; each must be rejected. */
export function inclusionMutations(c: InclusionCase): { name: string; case: InclusionCase }[] {
  const out: { name: string; case: InclusionCase }[] = [
    { name: 'index + 1', case: { ...c, index: c.index + 1 } },
    { name: 'index - 1', case: { ...c, index: c.index - 1 } },
    { name: 'size × 2', case: { ...c, size: c.size * 2 } },
    { name: 'size ÷ 2', case: { ...c, size: Math.floor(c.size / 2) } },
    { name: 'wrong leaf', case: { ...c, leafHash: flip(c.leafHash, 0) } },
    { name: 'wrong root', case: { ...c, root: flip(c.root, 255) } },
    { name: 'leaf and root swapped', case: { ...c, leafHash: c.root, root: c.leafHash } },
  ];
  for (const m of listMutations(c.hashes)) out.push({ name: m.name, case: { ...c, hashes: m.hashes } });
  // A mutation that does not change anything is not a corruption (e.g. ÷2 of size 1 → 0 is still caught, ×2 of 0 is not possible).
  return out.filter((m) => !(m.case.index === c.index && m.case.size === c.size && same(m.case.leafHash, c.leafHash) && same(m.case.root, c.root) && sameList(m.case.hashes, c.hashes)));
}

/** Every corruption the issue lists for a consistency proof; each must be rejected. */
export function consistencyMutations(c: ConsistencyCase): { name: string; case: ConsistencyCase }[] {
  const out: { name: string; case: ConsistencyCase }[] = [
    { name: 'from + 1', case: { ...c, from: c.from + 1 } },
    { name: 'from - 1', case: { ...c, from: c.from - 1 } },
    // Not `to ± 1`: where the tree's right edge has the same shape, a proof
    // cannot tell `to` from its neighbour. The new size is bound by the signed
    // checkpoint that carries it, not by the proof.
    { name: 'from × 2', case: { ...c, from: c.from * 2 } },
    { name: 'from ÷ 2', case: { ...c, from: Math.floor(c.from / 2) } },
    { name: 'to × 2', case: { ...c, to: c.to * 2 } },
    { name: 'to ÷ 2', case: { ...c, to: Math.floor(c.to / 2) } },
    { name: 'wrong old root', case: { ...c, root1: flip(c.root1, 7) } },
    { name: 'wrong new root', case: { ...c, root2: flip(c.root2, 200) } },
    { name: 'swapped roots', case: { ...c, root1: c.root2, root2: c.root1 } },
  ];
  for (const m of listMutations(c.hashes)) out.push({ name: m.name, case: { ...c, hashes: m.hashes } });
  return out.filter((m) => !(m.case.from === c.from && m.case.to === c.to && same(m.case.root1, c.root1) && same(m.case.root2, c.root2) && sameList(m.case.hashes, c.hashes)));
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a).equals(b);
}
function sameList(a: Uint8Array[], b: Uint8Array[]): boolean {
  return a.length === b.length && a.every((x, i) => same(x, b[i]!));
}
