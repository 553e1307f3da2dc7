import type { Verdict, VerdictItem } from './verdict.ts';

const HEADINGS: Record<VerdictItem['section'], string> = {
  trust: 'Keys used',
  checkpoints: 'Checkpoints (the log’s signed statements of its size and contents)',
  history: 'History (was anything recorded earlier changed or removed?)',
  entries: 'Entries (is each event really recorded in the log?)',
  storage: 'Stored data (does every stored byte match the signed checkpoints?)',
};
const MARK = { pass: '✔', fail: '✘', warn: '!' } as const;

/**
 * The verdict as a report a non-programmer can read: what was checked,
 * ✔ / ✘ per item, exactly what failed, and a one-line conclusion.
 *
 * @example
 * process.stdout.write(formatVerdict(verifyBundle(bundle, trust)));
 */
export function formatVerdict(v: Verdict): string {
  const out: string[] = ['Meridian audit verification', '', `Log:      ${v.origin}`, `Evidence: ${v.about}`, ''];
  for (const section of Object.keys(HEADINGS) as VerdictItem['section'][]) {
    const items = v.items.filter((i) => i.section === section);
    if (items.length === 0) continue;
    out.push(HEADINGS[section]);
    for (const i of items) {
      out.push(`  ${MARK[i.status]} ${i.check}`);
      if (i.detail) out.push(`      ${i.status === 'fail' ? 'FAILED: ' : ''}${i.detail}`);
    }
    out.push('');
  }
  const failed = v.items.filter((i) => i.status === 'fail').length;
  const checked = v.items.filter((i) => i.status !== 'warn').length;
  out.push(
    v.ok
      ? `RESULT: VERIFIED. All ${checked} checks passed.`
      : `RESULT: FAILED. ${failed} of ${checked} checks failed (marked ✘ above). Do not rely on this evidence.`,
  );
  return `${out.join('\n')}\n`;
}
