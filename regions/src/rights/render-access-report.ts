import type { AccessReport } from './access-report.ts';

const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/**
 * The human-readable (Markdown) form of an access report. Pure.
 *
 * @example
 * writeFileSync('report.md', renderAccessReport(report));
 */
export function renderAccessReport(r: AccessReport): string {
  const lines = [
    `# Your data held by Meridian, region ${r.region}`,
    '',
    `Request ${r.requestId}, generated ${r.generatedAt}. Governing law: ${r.jurisdiction.law} (${r.jurisdiction.code}). Stored in ${r.controllerLocation}.`,
    '',
    '## About you',
    '',
    `- Name: ${r.subject.name ?? '(none held)'}`,
    `- E-mail: ${r.subject.email ?? '(none held)'}`,
    `- Phone: ${r.subject.phone ?? '(none held)'}`,
    `- Status: ${r.subject.status}; first seen ${r.subject.firstSeen}; last activity ${r.subject.lastActivity}`,
    '',
    `## Your messages (${r.messages.length})`,
    '',
    '| sent | channel | text | order | classified as | route | used for training |',
    '|---|---|---|---|---|---|---|',
    ...r.messages.map((m) => `| ${m.sentAt} | ${m.channel} | ${esc(m.text)} | ${m.orderRef ?? ''} | ${[m.intent, m.sentiment, m.emotion].filter(Boolean).join(', ')} | ${m.route ?? ''} | ${m.usedForTraining ? 'yes' : 'no'} |`),
    '',
    '## Purposes',
    '',
    ...r.purposes.map((p) => `- **${p.purpose}**: ${p.currentlyConsented === null ? 'no consent recorded' : p.currentlyConsented ? 'consented' : 'withdrawn'}; data used: ${p.dataUsed.join(', ') || 'none'}`),
    '',
    '## Consent history',
    '',
    ...(r.consentHistory.length ? r.consentHistory.map((c) => `- ${c.recordedAt}: ${c.purpose} ${c.granted ? 'granted' : 'withdrawn'} (${c.source})`) : ['- none recorded']),
    '',
    '## How long we keep it',
    '',
    ...r.retention.map((x) => `- ${x.dataClass}: ${x.days === null ? 'while you are a customer (no fixed limit in the profile)' : `${x.days} days`}`),
    '',
    '## Recipients',
    '',
    `- Recipients: ${r.recipients.recipients.length ? r.recipients.recipients.join(', ') : 'none'}`,
    `- Cross-border transfers: ${r.recipients.crossBorderTransfers}`,
    `- ${r.recipients.statement}`,
    '',
    '## Model training',
    '',
    r.trainingRounds.available
      ? r.trainingRounds.rounds.length ? r.trainingRounds.rounds.map((x) => `- ${x.federation} round ${x.round}: ${x.messages} messages`).join('\n') : '- none'
      : `- ${r.trainingRounds.note}`,
    '',
    '## Audit ledger',
    '',
    `- ${r.ledger.commitmentsAboutYou} ${r.ledger.note}`,
    '',
  ];
  return lines.join('\n');
}
