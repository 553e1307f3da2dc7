import { buildEvidenceBundle } from '@meridian/audit/bundle/build-evidence-bundle.ts';
import type { EvidenceBundle } from '@meridian/audit/bundle/evidence-bundle.ts';
import type { Ledger } from '@meridian/audit/ledger/ledger.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { RegionNode } from '../node/region-node.ts';
import { rightsRequests } from './rights-request.repository.ts';
import { slaStatus } from './sla-status.ts';
import type { RightsRequestState } from './rights-request-type.ts';
import type { PrivacySpendStore } from '@meridian/federation/privacy/privacy-spend-store.ts';
import { modelUnlearningStatement, type ModelUnlearningStatement } from './unlearning/unlearning-statement.ts';

/** What was done for a request, when, by whom, with the ledger's evidence. Holds nothing personal. */
export interface CompletionCertificate {
  format: 'meridian-rights-certificate/v1';
  requestId: string;
  region: string;
  type: string;
  status: string;
  jurisdiction: { code: string; law: string; deadlineBasis: string };
  timeline: { event: string; at: string; by?: string }[];
  deadlines: { statutory: string; extended: string | null; extensionReason: string | null; internalTarget: string; metInternalTarget: boolean; metStatutory: boolean };
  outcome: Record<string, unknown>;
  done: string[];
  /** Erasure: what was done to every model the subject's data trained (rolled back and retrained, or pending with its residual bound). */
  modelUnlearning: ModelUnlearningStatement | { performed: false; status: 'not_applicable'; note: string };
  /** Inclusion proofs of every ledger entry about the request, checkable with `meridian verify`. */
  evidence: EvidenceBundle;
}

const DONE: Record<string, (o: Record<string, unknown>) => string[]> = {
  erasure: (o) => [
    `destroyed the data key (${o.key_destroyed ? 'yes' : 'already gone'}): every copy of the ciphertext, in backups and WAL too, is unreadable`,
    `deleted rows: ${Object.entries(o).filter(([k]) => !['key_destroyed', 'ledger_salts', 'training_rounds'].includes(k)).map(([k, v]) => `${k} ${v}`).join(', ') || 'none left'}`,
    `deleted ${o.ledger_salts ?? 0} ledger salts: the subject's ledger commitments are unlinkable`,
    'wrote an erasure tombstone (a keyed hash, no identifier) that every backup restore replays before the node serves',
    `read the training lineage before deleting it: ${o.training_rounds ?? 0} round(s) owe model unlearning (see modelUnlearning)`,
  ],
  access: () => ['disclosed everything held (access report, JSON and Markdown)'],
  rectification: (o) => [`rectified ${o.rectified ?? 0} field(s)`],
  restriction: (o) => [`restricted processing (${o.restricted ? 'status set to restricted' : 'already restricted'})`],
  objection: (o) => [`withdrew consent for ${o.consents_withdrawn ?? 0} purpose(s)`],
  opt_out_sale: (o) => [`withdrew consent to sharing (model_training, analytics): ${o.consents_withdrawn ?? 0} change(s); Meridian sells no data`],
};

/**
 * The certificate of a closed request (completed or denied), with an evidence
 * bundle of its ledger entries. Signs a checkpoint first so every entry is
 * covered. Write `evidence` to a file of its own to check it with `meridian verify`.
 * `privacySpend` (the region's DP spend) lets a pending unlearning state its DP bound.
 *
 * @example
 * const cert = await completionCertificate(node, node.ledger, requestId);
 * writeFileSync('evidence.json', JSON.stringify(cert.evidence));
 */
export async function completionCertificate(node: RegionNode, ledger: Ledger, requestId: string, opts: { privacySpend?: PrivacySpendStore } = {}): Promise<CompletionCertificate> {
  const r = await rightsRequests.get(node.db, requestId);
  if (r.status !== 'completed' && r.status !== 'denied') throw new MeridianError('CONFLICT', `the request is ${r.status}; a certificate is issued once it is closed`, { requestId, status: r.status });
  await ledger.checkpoint();
  const evidence = await buildEvidenceBundle(ledger, { refId: requestId }, { about: `rights request ${requestId} (${r.type}) in region ${node.region}`, now: node.now() });
  const j = node.policy.jurisdiction(r.jurisdiction);
  const closedAt = r.completed_at ?? r.denied_at!;
  const sla = slaStatus({ ...r, status: 'received' as RightsRequestState }, closedAt);
  const outcome = (r.outcome ?? {}) as Record<string, unknown>;
  const timeline = [
    { event: 'received', at: r.received_at, by: r.requested_by },
    { event: 'identity verified (one-time code to the contact on file)', at: r.verified_at },
    { event: 'deadline extended', at: r.extended_deadline_at ? r.received_at : null, by: r.extended_by ?? undefined },
    { event: 'approved', at: r.approved_at, by: r.approved_by ?? undefined },
    { event: 'execution started', at: r.executing_at },
    { event: 'completed', at: r.completed_at },
    { event: `denied (${r.deny_reason})`, at: r.denied_at },
  ].filter((e): e is { event: string; at: Date; by: string | undefined } => e.at instanceof Date && e.event !== 'deadline extended');
  return {
    format: 'meridian-rights-certificate/v1',
    requestId,
    region: node.region,
    type: r.type,
    status: r.status,
    jurisdiction: { code: j.code, law: j.law, deadlineBasis: j.rightsDeadline.basis },
    timeline: timeline.map((e) => ({ event: e.event, at: e.at.toISOString(), ...(e.by ? { by: e.by } : {}) })),
    deadlines: {
      statutory: r.statutory_deadline_at.toISOString(),
      extended: r.extended_deadline_at?.toISOString() ?? null,
      extensionReason: r.extension_reason,
      internalTarget: r.target_at.toISOString(),
      metInternalTarget: !sla.pastTarget,
      metStatutory: !sla.pastStatutory,
    },
    outcome,
    done: r.status === 'completed' ? (DONE[r.type]?.(outcome) ?? []) : [`nothing: denied (${r.deny_reason})`],
    modelUnlearning:
      r.type === 'erasure' && r.status === 'completed'
        ? await modelUnlearningStatement(node.db, requestId, { region: node.region, ...(opts.privacySpend ? { privacySpend: opts.privacySpend } : {}) })
        : { performed: false, status: 'not_applicable', note: 'only a completed erasure unlearns models' },
    evidence,
  };
}
