import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { dumpDatabase, findCanaries } from '../../test/dump-database.ts';
import { ingestAtomically } from '../src/ingest/ingest-batch.ts';
import { openField } from '@meridian/core/crypto/field-cipher.ts';
import { fieldAad } from '../src/subjects/subject.repository.ts';
import { testNode, record } from './node-fixture.ts';

describe.each(DIALECTS)('special categories at ingestion on %s', (dialect) => {
  let me: Awaited<ReturnType<typeof testNode>>;
  let eu: Awaited<ReturnType<typeof testNode>>;
  beforeAll(async () => {
    [me, eu] = await Promise.all([testNode('me', dialect), testNode('eu', dialect)]);
  });
  afterAll(async () => Promise.all([me?.close(), eu?.close()]));

  const bodyOf = async (node: typeof me, messageId: string, subjectId: string) => {
    const m = await node.db.selectFrom('messages').select(['body_ct', 'special_categories', 'special_handling', 'training_allowed']).where('id', '=', messageId).executeTakeFirstOrThrow();
    return { ...m, text: openField(node.keys.get(subjectId)!, m.body_ct, fieldAad('messages', 'body_ct', subjectId, messageId)) };
  };

  it('me: a religious message is stored redacted; the dump holds none of its religious words', async () => {
    const text = 'أرجو تأجيل التوصيل لأنني أصلي في المسجد يوم الجمعة. رقم الطلب لم يصل بعد';
    const [r] = await ingestAtomically(me, [record('me', { text, language: 'ar', subject: { country: 'AE', externalId: 'me-rel-1' } })]);
    const stored = await bodyOf(me, r!.messageId, r!.subjectId);
    expect(stored.special_categories).toContain('user.demographic.religious_belief');
    expect(stored.special_handling).toBe('redact_message');
    expect(stored.text).toMatch(/^\[redacted: [a-z_.]+/);
    expect(stored.text).not.toContain('المسجد');
    expect(findCanaries(await dumpDatabase(me.test), ['المسجد', 'أصلي', text])).toEqual([]);
  });

  it('me: an English religious message is redacted too', async () => {
    const [r] = await ingestAtomically(me, [record('me', { text: 'Please deliver after Friday prayers at the mosque. My card is blocked.', subject: { country: 'SA', externalId: 'me-rel-2' } })]);
    const stored = await bodyOf(me, r!.messageId, r!.subjectId);
    expect(stored.special_handling).toBe('redact_message');
    expect(stored.text.toLowerCase()).not.toContain('mosque');
  });

  it('eu: health content is kept for service but barred from training (restrict)', async () => {
    const [r] = await ingestAtomically(eu, [record('eu', { text: 'I am diabetic and need the insulin cooler delivered today.', subject: { externalId: 'eu-health-1' } })]);
    const stored = await bodyOf(eu, r!.messageId, r!.subjectId);
    expect(stored.special_categories).toContain('user.health');
    expect(stored.special_handling).toBe('restrict');
    expect(stored.training_allowed).toBe(false);
  });

  it('an ordinary message passes untouched and may train', async () => {
    const text = 'My card payment was declined twice, can you check?';
    const [r] = await ingestAtomically(eu, [record('eu', { text, subject: { externalId: 'eu-plain-1' } })]);
    const stored = await bodyOf(eu, r!.messageId, r!.subjectId);
    expect(stored).toMatchObject({ text, special_categories: [], special_handling: 'none', training_allowed: true });
  });
});
