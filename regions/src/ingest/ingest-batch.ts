import { randomUUID, createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '@meridian/core/db/database.ts';
import { MeridianError, type ErrorCode, type Evidence } from '@meridian/core/errors/meridian-error.ts';
import { blindIndex, normalizeIdentifier } from '@meridian/core/crypto/blind-index.ts';
import { sealField } from '@meridian/core/crypto/field-cipher.ts';
import { detectScriptLanguage } from '@meridian/core/text/detect-script-language.ts';
import type { SpecialCategoryHandling } from '@meridian/core/policy/region-profile.ts';
import type { Route, RouteReason } from '@meridian/core/routing/decide-route.ts';
import { composeBotReply, type BotReply } from '@meridian/core/routing/bot-reply.ts';
import { ingestRecordSchema, type ValidIngestRecord } from './ingest-record.ts';
import { resolveSubjects, lockSubjects, fieldAad, bytesToHex, type SubjectClaim } from '../subjects/subject.repository.ts';
import { recordConsentChanges, type ConsentChange } from '../consent/consent.repository.ts';
import { bulkInsert } from '@meridian/core/db/bulk-insert.ts';
import type { RegionNode } from '../node/region-node.ts';
import type { NodeEvent } from '../node/event-recorder.ts';

export interface IngestResult {
  index: number;
  messageId: string;
  subjectId: string;
  /** The message was already stored (same channel and source id): nothing was written. */
  duplicate: boolean;
  specialHandling: 'none' | SpecialCategoryHandling;
  route: Route | null;
  /** Why it was routed there. */
  routeReason: RouteReason | null;
  /** Present when the bot answers: always labelled as AI-generated. */
  botReply?: BotReply;
}

export interface IngestFailure {
  index: number;
  code: ErrorCode;
  message: string;
  evidence: Evidence;
  /** Field paths and reasons from validation, never the values. */
  issues?: { path: string; message: string }[];
}

export interface IngestOutcome {
  results: IngestResult[];
  failures: IngestFailure[];
}

/** A record that passed every check that needs no database, ready to persist. */
interface Prepared {
  index: number;
  record: ValidIngestRecord;
  jurisdiction: string;
  text: string;
  language: string | null;
  categories: string[];
  handling: 'none' | SpecialCategoryHandling;
  refBidx: Uint8Array;
  refHex: string;
  dedupeKey: Uint8Array;
}

/**
 * Validates, checks residency and handles special categories for each record,
 * without touching the database. Failures carry typed codes and never values.
 */
export function prepareRecords(node: RegionNode, input: readonly unknown[]): { prepared: Prepared[]; failures: IngestFailure[] } {
  const prepared: Prepared[] = [];
  const failures: IngestFailure[] = [];
  const bik = node.keyring.blindIndexKey;
  input.forEach((raw, index) => {
    const parsed = ingestRecordSchema.safeParse(raw);
    if (!parsed.success) {
      failures.push({
        index,
        code: 'BAD_INPUT',
        message: 'record failed validation',
        evidence: {},
        issues: parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.') || '(root)', message: i.message })),
      });
      return;
    }
    const record = parsed.data;
    try {
      const jurisdiction = node.policy.checkResidency(record.subject.homeRegion, record.subject.country).code;
      const language = record.language ?? detectScriptLanguage(record.text) ?? null;
      const detection = node.detector.detect(record.text, language ?? undefined);
      const handling = node.policy.specialCategoryHandling(detection.categories) ?? 'none';
      const text = handling === 'redact_sentence' || handling === 'redact_message' ? detection.redact(handling) : record.text;
      const refBidx = blindIndex(bik, 'external_ref', record.subject.externalId);
      prepared.push({
        index,
        record,
        jurisdiction,
        text,
        language,
        categories: detection.categories,
        handling,
        refBidx,
        refHex: bytesToHex(refBidx),
        dedupeKey: blindIndex(bik, 'dedupe', `${record.channel}\0${record.sourceMessageId}`),
      });
    } catch (e) {
      if (!(e instanceof MeridianError)) throw e;
      if (e.code === 'RESIDENCY_VIOLATION') node.metrics.residencyRefusals.inc({ home_region: record.subject.homeRegion });
      failures.push({ index, code: e.code, message: e.message, evidence: e.evidence });
    }
  });
  for (const f of failures) node.metrics.refused.inc({ code: f.code });
  return { prepared, failures };
}

function digest(...parts: (string | Uint8Array)[]): Uint8Array {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest();
}

/**
 * Stores prepared records in the caller's transaction: subjects (found or
 * created, with their data keys), encrypted messages, consent changes and their
 * ledger events. A message already stored is reported as a duplicate and not
 * written again, so replaying a batch is harmless.
 */
export async function persistRecords(node: RegionNode, trx: Transaction<Database>, prepared: readonly Prepared[]): Promise<IngestResult[]> {
  if (!prepared.length) return [];
  const bik = node.keyring.blindIndexKey;
  const claims = new Map<string, SubjectClaim>();
  for (const p of prepared) {
    const s = p.record.subject;
    const prev = claims.get(p.refHex);
    // Within one batch the latest record's contact details win.
    claims.set(p.refHex, {
      externalRefBidx: p.refBidx,
      jurisdiction: p.jurisdiction,
      name: s.name ?? prev?.name,
      email: s.email ?? prev?.email,
      phone: s.phone ?? prev?.phone,
      emailBidx: s.email ? blindIndex(bik, 'email', s.email) : prev?.emailBidx,
      phoneBidx: s.phone ? blindIndex(bik, 'phone', s.phone) : prev?.phoneBidx,
    });
  }
  await lockSubjects(trx, [...claims.values()].map((c) => c.externalRefBidx));
  const subjects = await resolveSubjects(node, trx, claims);

  const classifications = node.classifier?.classify(prepared.map((p) => p.text), prepared.map((p) => p.categories.length > 0));
  const now = node.now();
  const rows = prepared.map((p, i) => {
    const subject = subjects.get(p.refHex)!;
    const id = randomUUID();
    const c = classifications?.[i];
    return {
      id,
      subject_id: subject.id,
      dedupe_key: p.dedupeKey,
      channel: p.record.channel,
      direction: p.record.direction,
      language: p.language,
      body_ct: sealField(subject.dek, p.text, fieldAad('messages', 'body_ct', subject.id, id)),
      order_ref_ct: p.record.orderRef ? sealField(subject.dek, normalizeIdentifier('external_ref', p.record.orderRef), fieldAad('messages', 'order_ref_ct', subject.id, id)) : null,
      special_categories: p.categories,
      special_handling: p.handling,
      training_allowed: p.handling !== 'restrict',
      intent: c?.intent ?? null,
      sentiment: c?.sentiment ?? null,
      emotion: c?.emotion ?? null,
      confidence: c?.confidence ?? null,
      route: c?.route ?? null,
      intent_model: c?.models?.intent ?? null,
      sentiment_model: c?.models?.sentiment ?? null,
      emotion_model: c?.models?.emotion ?? null,
      sent_at: new Date(p.record.sentAt),
      received_at: now,
    };
  });
  const stored = new Set((await bulkInsert(trx, 'messages', rows, { onConflictDoNothing: 'dedupe_key', returning: 'id' })) as string[]);

  const consentChanges: ConsentChange[] = [];
  const events: NodeEvent[] = [];
  const results: IngestResult[] = [];
  const existingIds = new Map<string, string>();
  const dupKeys = rows.filter((r) => !stored.has(r.id)).map((r) => r.dedupe_key);
  if (dupKeys.length) {
    const found = await trx.selectFrom('messages').select(['id', 'dedupe_key']).where('dedupe_key', 'in', dupKeys).execute();
    for (const f of found) existingIds.set(bytesToHex(f.dedupe_key), f.id);
  }
  prepared.forEach((p, i) => {
    const row = rows[i]!;
    const duplicate = !stored.has(row.id);
    const c = classifications?.[i];
    if (!duplicate && c) node.metrics.routed.inc({ route: c.route, reason: c.reason });
    results.push({
      index: p.index,
      messageId: duplicate ? (existingIds.get(bytesToHex(row.dedupe_key)) ?? row.id) : row.id,
      subjectId: row.subject_id,
      duplicate,
      specialHandling: p.handling,
      route: c?.route ?? null,
      routeReason: c?.reason ?? null,
      ...(c?.route === 'bot' ? { botReply: composeBotReply(c.intent, p.language) } : {}),
    });
    if (duplicate) return;
    for (const c of p.record.consents ?? []) consentChanges.push({ subjectId: row.subject_id, purpose: c.purpose, granted: c.granted, source: `ingest:${p.record.channel}` });
    events.push({
      type: 'interaction',
      refId: row.id,
      subjectId: row.subject_id,
      payload: digest(row.id, row.subject_id, p.record.channel, p.record.sentAt, p.text),
      meta: { channel: p.record.channel, handling: p.handling, ...(row.route ? { route: row.route } : {}) },
    });
  });

  const created = new Set([...subjects.values()].filter((s) => s.created).map((s) => s.id));
  const labels = prepared.flatMap((p, i) =>
    stored.has(rows[i]!.id) ? Object.entries(p.record.labels ?? {}).map(([task, label]) => ({ message_id: rows[i]!.id, task, label: label!, source: `ingest:${p.record.channel}` })) : [],
  );
  if (labels.length) await bulkInsert(trx, 'message_labels', labels);
  const recorded = await recordConsentChanges(trx, consentChanges, now, created);
  for (const c of recorded) {
    node.metrics.consentChanges.inc({ purpose: c.purpose, granted: String(c.granted) });
    events.push({ type: 'consent', refId: randomUUID(), subjectId: c.subjectId, payload: digest(c.subjectId, c.purpose, String(c.granted), now.toISOString()), meta: { purpose: c.purpose, granted: String(c.granted) } });
  }
  // Subjects created in this batch already carry `now`; only returning ones need the update.
  const active = [...new Set(rows.filter((r) => stored.has(r.id) && !created.has(r.subject_id)).map((r) => r.subject_id))];
  if (active.length) await trx.updateTable('subjects').set({ last_activity_at: now }).where('id', 'in', active).execute();
  if (node.events && events.length) await node.events.record(trx, events);

  for (const r of rows) {
    if (!stored.has(r.id)) continue;
    node.metrics.ingested.inc({ channel: r.channel });
    if (r.special_handling !== 'none') node.metrics.specialCategories.inc({ handling: r.special_handling });
  }
  node.metrics.duplicates.inc(rows.length - stored.size);
  return results;
}

/**
 * Ingests a batch atomically: if any record fails, nothing is stored and every
 * failure is reported (the API's contract: a 4xx and no partial write).
 *
 * @example
 * const { results } = await ingestAtomically(node, [record]);
 */
export async function ingestAtomically(node: RegionNode, input: readonly unknown[]): Promise<IngestResult[]> {
  const { prepared, failures } = prepareRecords(node, input);
  if (failures.length) {
    const first = failures[0]!;
    const code = failures.every((f) => f.code === first.code) ? first.code : 'BAD_INPUT';
    throw new MeridianError(code, failures.length === 1 ? first.message : `${failures.length} of ${input.length} records were refused; nothing was stored`, {
      refused: failures.length,
      indexes: failures.slice(0, 100).map((f) => f.index),
      codes: failures.slice(0, 100).map((f) => f.code),
      ...(failures.length === 1 ? first.evidence : {}),
      ...(first.issues ? { paths: first.issues.map((i) => `${i.path}: ${i.message}`) } : {}),
    });
  }
  const timer = node.metrics.ingestBatchSeconds.startTimer();
  try {
    return await node.db.transaction().execute((trx) => persistRecords(node, trx, prepared));
  } finally {
    timer();
  }
}
