import { CATALOG } from '@meridian/core/catalog/catalog.ts';
import type { Purpose } from '@meridian/core/catalog/data-class.ts';
import { openField } from '@meridian/core/crypto/field-cipher.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { ledgerSalts } from '@meridian/audit/ledger/ledger-salts.repository.ts';
import { fieldAad } from '../subjects/subject.repository.ts';
import type { RegionNode } from '../node/region-node.ts';
import { subjectDataKey } from '../subjects/subject-data-keys.ts';
import { rightsRequests } from './rights-request.repository.ts';
import type { TrainingLineage, TrainingRound } from './training-lineage.ts';

/** Everything the node holds about one subject (GDPR Art. 15), machine-readable. */
export interface AccessReport {
  format: 'meridian-access-report/v1';
  requestId: string;
  generatedAt: string;
  region: string;
  controllerLocation: string;
  jurisdiction: { code: string; law: string };
  subject: { status: string; name: string | null; email: string | null; phone: string | null; firstSeen: string; lastActivity: string };
  messages: {
    channel: string; direction: string; language: string | null; sentAt: string; receivedAt: string; text: string; orderRef: string | null;
    specialCategories: string[]; specialHandling: string; usedForTraining: boolean; intent: string | null; sentiment: string | null; emotion: string | null; route: string | null;
  }[];
  purposes: { purpose: Purpose; currentlyConsented: boolean | null; dataUsed: string[] }[];
  consentHistory: { purpose: string; granted: boolean; source: string; recordedAt: string }[];
  retention: { dataClass: string; days: number | null; appliesTo: string[] }[];
  recipients: { recipients: string[]; crossBorderTransfers: string; statement: string };
  trainingRounds: { available: boolean; rounds: TrainingRound[]; note: string };
  ledger: { commitmentsAboutYou: number; note: string };
}

/**
 * Builds the access report of a completed access request: decrypted fields,
 * messages, purposes with current consent, consent history, retention per the
 * jurisdiction's profile, recipients and training rounds (from `lineage`).
 * Built on demand and never stored, so it leaves no copy behind.
 *
 * @example
 * const report = await buildAccessReport(node, requestId, { lineage: noTrainingLineage });
 */
export async function buildAccessReport(node: RegionNode, requestId: string, opts: { lineage: TrainingLineage }): Promise<AccessReport> {
  const request = await rightsRequests.get(node.db, requestId);
  if (request.type !== 'access' || request.status !== 'completed') {
    throw new MeridianError('CONFLICT', 'a report is available only for a completed access request', { requestId, type: request.type, status: request.status });
  }
  const link = await node.db.selectFrom('rights_request_subjects').select('subject_id').where('request_id', '=', requestId).executeTakeFirst();
  if (!link) throw new MeridianError('NOT_FOUND', 'the subject of this request is no longer held', { requestId });
  const id = link.subject_id;
  const dek = await subjectDataKey(node, node.db, id);
  const s = await node.db
    .selectFrom('subjects')
    .select(['status', 'jurisdiction', 'name_ct', 'email_ct', 'phone_ct', 'created_at', 'last_activity_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!s || !dek) throw new MeridianError('NOT_FOUND', 'the subject of this request is no longer held', { requestId });
  const open = (ct: Uint8Array | null, col: string) => (ct ? openField(dek, ct, fieldAad('subjects', col, id)) : null);
  const msgs = await node.db
    .selectFrom('messages')
    .select(['id', 'channel', 'direction', 'language', 'sent_at', 'received_at', 'body_ct', 'order_ref_ct', 'special_categories', 'special_handling', 'training_allowed', 'intent', 'sentiment', 'emotion', 'route'])
    .where('subject_id', '=', id)
    .orderBy('sent_at')
    .execute();
  const consents = await node.db.selectFrom('consents').select(['purpose', 'granted', 'source', 'recorded_at']).where('subject_id', '=', id).orderBy('id').execute();
  const current = new Map<string, boolean>();
  for (const c of consents) current.set(c.purpose, c.granted);
  const j = node.policy.jurisdiction(s.jurisdiction);
  const personalTables = Object.entries(CATALOG).filter(([, t]) => t.subjectColumn);
  const purposes = (['service', 'model_training', 'analytics'] as const).map((p) => ({
    purpose: p,
    currentlyConsented: p === 'service' ? true : (current.get(p) ?? null),
    dataUsed: personalTables.flatMap(([table, t]) => Object.entries(t.columns).filter(([, c]) => c.purposes.includes(p) && c.class !== 'business').map(([col]) => `${table}.${col}`)),
  }));
  const classes = [...new Set(personalTables.flatMap(([, t]) => Object.values(t.columns).map((c) => c.class)))];
  const retention = classes.map((cls) => ({
    dataClass: cls,
    days: j.retentionDays[cls] ?? null,
    appliesTo: personalTables.flatMap(([table, t]) => Object.entries(t.columns).filter(([, c]) => c.class === cls).map(([col]) => `${table}.${col}`)),
  }));
  const rounds = await opts.lineage.roundsOf(id);
  return {
    format: 'meridian-access-report/v1',
    requestId,
    generatedAt: node.now().toISOString(),
    region: node.region,
    controllerLocation: node.policy.profile.location,
    jurisdiction: { code: j.code, law: j.law },
    subject: { status: s.status, name: open(s.name_ct, 'name_ct'), email: open(s.email_ct, 'email_ct'), phone: open(s.phone_ct, 'phone_ct'), firstSeen: s.created_at.toISOString(), lastActivity: s.last_activity_at.toISOString() },
    messages: msgs.map((m) => ({
      channel: m.channel, direction: m.direction, language: m.language, sentAt: m.sent_at.toISOString(), receivedAt: m.received_at.toISOString(),
      text: openField(dek, m.body_ct, fieldAad('messages', 'body_ct', id, m.id)),
      orderRef: m.order_ref_ct ? openField(dek, m.order_ref_ct, fieldAad('messages', 'order_ref_ct', id, m.id)) : null,
      specialCategories: m.special_categories, specialHandling: m.special_handling, usedForTraining: m.training_allowed && current.get('model_training') === true,
      intent: m.intent, sentiment: m.sentiment, emotion: m.emotion, route: m.route,
    })),
    purposes,
    consentHistory: consents.map((c) => ({ purpose: c.purpose, granted: c.granted, source: c.source, recordedAt: c.recorded_at.toISOString() })),
    retention,
    recipients: {
      recipients: [],
      crossBorderTransfers: 'none',
      statement: `Your personal data is stored and processed only in region ${node.region} (${node.policy.profile.location}) and is disclosed to no recipient. Only model updates (masked and noised, not personal data), aggregate metrics and ledger checkpoints leave the region.`,
    },
    trainingRounds: {
      available: opts.lineage.available,
      rounds: rounds,
      note: opts.lineage.available ? 'federated training rounds that used your messages' : 'training lineage is not yet recorded by this node: which rounds used your data is UNKNOWN here (not "none")',
    },
    ledger: { commitmentsAboutYou: await ledgerSalts.countForSubject(node.db, id), note: 'salted commitments on the audit ledger; they become unlinkable when you are erased' },
  };
}
