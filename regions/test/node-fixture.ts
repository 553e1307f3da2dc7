import { randomBytes } from 'node:crypto';
import { keyringFromFile, newKeyringFile } from '@meridian/core/crypto/region-keyring.ts';
import type { Region } from '@meridian/core/policy/region-profile.ts';
import { freshDatabase } from '../../test/databases.ts';
import type { DialectName } from '@meridian/core/db/open-database.ts';
import { openRegionNode, type OpenedRegionNode } from '../src/node/open-region-node.ts';
import type { IngestRecord } from '../src/ingest/ingest-record.ts';
import type { TestDatabase } from '../../test/databases.ts';

/** A region node on a fresh database of the given engine, with a throwaway keyring. */
export async function testNode(region: Region, dialect: DialectName, extra: Partial<Parameters<typeof openRegionNode>[0]> = {}): Promise<OpenedRegionNode & { test: TestDatabase }> {
  const test = await freshDatabase(dialect);
  const node = await openRegionNode({ region, database: test, keyring: keyringFromFile(newKeyringFile()), ...extra });
  return Object.assign(node, { test });
}

const COUNTRY: Record<Region, string> = { eu: 'DE', sea: 'SG', me: 'AE' };

let seq = 0;
/** A valid ingest record for a subject of `region`; override any field. */
export function record(region: Region, over: Partial<IngestRecord> & { subject?: Partial<IngestRecord['subject']> } = {}): IngestRecord {
  seq++;
  const { subject, ...rest } = over;
  return {
    sourceMessageId: `m-${seq}-${randomBytes(4).toString('hex')}`,
    channel: 'chat',
    sentAt: '2026-11-20T10:00:00Z',
    text: 'Where is my card? It has not arrived yet.',
    subject: { externalId: `cust-${seq}`, homeRegion: region, country: COUNTRY[region], ...subject },
    ...rest,
  };
}
