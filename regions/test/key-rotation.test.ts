import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIALECTS, freshDatabase } from '../../test/databases.ts';
import { keyringFromFile, newKeyringFile } from '@meridian/core/crypto/region-keyring.ts';
import { openField } from '@meridian/core/crypto/field-cipher.ts';
import { unwrapDataKey } from '@meridian/core/crypto/data-key.ts';
import { openRegionNode } from '../src/node/open-region-node.ts';
import { ingestAtomically } from '../src/ingest/ingest-batch.ts';
import { rewrapDataKeys } from '../src/keys/rewrap-data-keys.ts';
import { rotateKeyringFile, retireOldKeks } from '../src/keys/rotate-keyring-file.ts';
import { fieldAad } from '../src/subjects/subject.repository.ts';
import { record } from './node-fixture.ts';

describe.each(DIALECTS)('KEK rotation on %s', (dialect) => {
  it('re-wraps every data key under the new KEK; data stays readable; the old KEK can then be retired', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rot-')), 'keyring.json');
    writeFileSync(file, JSON.stringify(newKeyringFile()));
    const test = await freshDatabase(dialect);
    const node = await openRegionNode({ region: 'eu', database: test, keyring: keyringFromFile(JSON.parse(readFileSync(file, 'utf8'))) });
    try {
      const results = await ingestAtomically(node, Array.from({ length: 30 }, (_, i) => record('eu', { text: `message ${i}`, subject: { externalId: `rot-${i % 10}` } })));
      const oldKek = node.keyring.current;
      const rotated = keyringFromFile(rotateKeyringFile(file));
      expect(rotated.current).not.toBe(oldKek);
      const r = await rewrapDataKeys(node.db, rotated, { batchSize: 4 });
      expect(r).toEqual({ rewrapped: 10, remaining: 0 });
      expect(retireOldKeks(file)).toEqual([oldKek]);
      const onlyNew = keyringFromFile(JSON.parse(readFileSync(file, 'utf8')));
      expect([...onlyNew.keks.keys()]).toEqual([rotated.current]);
      // Every message still opens, with keys unwrapped by the new KEK alone.
      for (const res of results) {
        const k = await node.db.selectFrom('subject_keys').select(['kek_id', 'wrapped_dek']).where('subject_id', '=', res.subjectId).executeTakeFirstOrThrow();
        expect(k.kek_id).toBe(rotated.current);
        const dek = unwrapDataKey(onlyNew, res.subjectId, { kekId: k.kek_id, wrapped: k.wrapped_dek });
        const m = await node.db.selectFrom('messages').select('body_ct').where('id', '=', res.messageId).executeTakeFirstOrThrow();
        expect(openField(dek, m.body_ct, fieldAad('messages', 'body_ct', res.subjectId, res.messageId))).toMatch(/^message \d+$/);
      }
    } finally {
      await node.close();
    }
  });
});
