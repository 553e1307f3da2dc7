import { describe, expect, it } from 'vitest';
import { parseCheckpoint } from './parse-checkpoint.ts';
import { formatCheckpoint } from './format-checkpoint.ts';
import { signCheckpoint } from './sign-checkpoint.ts';
import { openCheckpoint } from './open-checkpoint.ts';
import { readCheckpoint } from '../verify/read-checkpoint.ts';
import { vkey } from '../note/vkey.ts';
import { logKey } from '../../test/support/ledger-keys.ts';
import { parseTlogProof } from '../proof/parse-tlog-proof.ts';
import { formatTlogProof } from '../proof/format-tlog-proof.ts';
import { readTlogProof } from '../verify/read-tlog-proof.ts';

// The example body of c2sp.org/tlog-checkpoint.
const EXAMPLE = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';

describe('C2SP tlog-checkpoint', () => {
  it('parses the specification’s example and formats it back byte for byte', () => {
    const cp = parseCheckpoint(EXAMPLE);
    expect(cp).toMatchObject({ origin: 'example.com/behind-the-sofa', size: 20852163, extensions: [] });
    expect(formatCheckpoint(cp)).toBe(EXAMPLE);
    expect(readCheckpoint(EXAMPLE)).toMatchObject({ origin: 'example.com/behind-the-sofa', size: 20852163 });
  });

  it.each([
    ['a size with a leading zero', EXAMPLE.replace('20852163', '020852163')],
    ['a negative size', EXAMPLE.replace('20852163', '-1')],
    ['a short root', EXAMPLE.replace('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=', 'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I')],
    ['a missing root', 'example.com/behind-the-sofa\n20852163\n'],
    ['an empty extension line', `${EXAMPLE}\n`],
    ['a space in the origin', EXAMPLE.replace('behind-the-sofa', 'behind the sofa')],
  ])('rejects %s', (_why, text) => {
    expect(() => parseCheckpoint(text)).toThrow();
    expect('problem' in readCheckpoint(text)).toBe(true);
  });

  it('signs with the origin as key name, and opens only with that log’s key', () => {
    const key = logKey('meridian.test/ledger/eu');
    const signed = signCheckpoint(parseCheckpoint(EXAMPLE.replace('example.com/behind-the-sofa', 'meridian.test/ledger/eu')), key.signer);
    expect(signed.note.split('\n')[4]!.startsWith('— meridian.test/ledger/eu ')).toBe(true);
    expect(openCheckpoint(signed.note, vkey.parse(key.vkey)).checkpoint.size).toBe(20852163);
    const other = logKey('meridian.test/ledger/eu');
    expect(() => openCheckpoint(signed.note, vkey.parse(other.vkey))).toThrow(/no signature by the log key/);
    expect(() => openCheckpoint(signed.note.replace('20852163', '20852164'), vkey.parse(key.vkey))).toThrow(/does not verify/);
  });
});

describe('C2SP tlog-proof', () => {
  // The example of c2sp.org/tlog-proof (its signatures are elided with […], so it is parsed, not verified).
  const EXAMPLE_PROOF = [
    'c2sp.org/tlog-proof@v1',
    'extra YWdlLXYxLjIuMS1kYXJ3aW4tYXJtNjQudGFyLmd6kYXJ3aW4tYXJ',
    'index 73894',
    'gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=',
    'B95lDa8R83lS8n0eG+o0buTxRKQTYFi//1U8anccXmA=',
    'EKNzoDWG8LGC0Yp9o+sv3qllpMP9uHQ9B20KNL+Q1zs=',
    'RoopEkOdqkYqMB4MJXrbt/hMjOxsVn0IrWjpz1ZMMes=',
    'AHCioX9nLjsrse6YhjRRmk1WUEirVOLLRoOQ6vfO5vk=',
    '',
    'example.com/fancylog',
    '109482',
    'sFodV/vSp5O8n9a8QpW6PRY97tfOSW5bsc2Xl/EQi08=',
    '',
    '— example.com/fancylog hI2DJw[...]1roloI=',
    '',
  ].join('\n');

  it('parses the specification’s example with the writer’s and the auditor’s parser', () => {
    const p = parseTlogProof(EXAMPLE_PROOF);
    expect(p.index).toBe(73894);
    expect(p.hashes.length).toBe(5);
    expect(p.checkpointNote.startsWith('example.com/fancylog\n109482\n')).toBe(true);
    const r = readTlogProof(EXAMPLE_PROOF);
    expect('problem' in r ? r.problem : r.index).toBe(73894);
  });

  it('round-trips and refuses malformed proofs', () => {
    const text = formatTlogProof({ index: 0, hashes: [new Uint8Array(32).fill(1)], checkpointNote: 'log\n1\nAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=\n\n— log AAAAAAA=\n' });
    expect(formatTlogProof(parseTlogProof(text))).toBe(text);
    for (const bad of [text.replace('index 0', 'index 00'), text.replace('@v1', '@v2'), text.replace('\n\n', '\n'), text.replace('AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=\n\nlog', 'AQEB\n\nlog')]) {
      expect(() => parseTlogProof(bad)).toThrow();
      expect('problem' in readTlogProof(bad)).toBe(true);
    }
  });
});
