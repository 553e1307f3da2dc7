import { hashFraction } from './hash-split.ts';
import { INTENT_LABELS } from './intent-labels.ts';
import type { SourceSplits } from './source-example.ts';
import { loadArBanking77 } from './sources/arbanking77.ts';
import { loadArSarcasm } from './sources/arsarcasm.ts';
import { loadBanking77 } from './sources/banking77.ts';
import { loadEmot } from './sources/emot.ts';
import { loadGoEmotions } from './sources/goemotions.ts';
import { loadSmsa } from './sources/smsa.ts';
import { loadUmsab } from './sources/umsab.ts';
import { loadWisesight } from './sources/wisesight.ts';
import { loadXed } from './sources/xed.ts';

/**
 * Share of a Banking77 label's messages that go to the EU half when the label
 * is one of "EU's" labels (even class id); the SEA half gets the rest, and the
 * roles swap for odd labels. Both halves see every intent, but with opposite
 * skews: non-IID by label, as the data README asks.
 */
export const BANKING77_SKEW = 0.8;

function banking77Half(dir: string, half: 'eu' | 'sea'): SourceSplits {
  const all = loadBanking77(dir);
  const pick = (x: { text: string; label: number }): boolean => {
    const euShare = x.label % 2 === 0 ? BANKING77_SKEW : 1 - BANKING77_SKEW;
    return (hashFraction('banking77-half', x.text) < euShare) === (half === 'eu');
  };
  return { train: all.train.filter(pick), test: all.test.filter(pick), dropped: half === 'eu' ? all.dropped : {} };
}

/**
 * Every dataset source by name: one explicit map, no registration by side
 * effect. Each entry reads its files from the shared data directory in place.
 */
export const DATASET_SOURCES: Readonly<Record<string, (dataDir: string) => SourceSplits>> = Object.freeze({
  'banking77-eu-half': (d: string) => banking77Half(d, 'eu'),
  'banking77-sea-half': (d: string) => banking77Half(d, 'sea'),
  arbanking77: loadArBanking77,
  'umsab-en': (d: string) => loadUmsab(d, 'english'),
  'umsab-de': (d: string) => loadUmsab(d, 'german'),
  'umsab-fr': (d: string) => loadUmsab(d, 'french'),
  'umsab-es': (d: string) => loadUmsab(d, 'spanish'),
  'umsab-it': (d: string) => loadUmsab(d, 'italian'),
  'umsab-pt': (d: string) => loadUmsab(d, 'portuguese'),
  'umsab-ar': (d: string) => loadUmsab(d, 'arabic'),
  wisesight: loadWisesight,
  smsa: loadSmsa,
  arsarcasm: loadArSarcasm,
  goemotions: loadGoEmotions,
  emot: loadEmot,
  'xed-en': (d: string) => loadXed(d, 'en'),
  'xed-de': (d: string) => loadXed(d, 'de'),
  'xed-fr': (d: string) => loadXed(d, 'fr'),
  'xed-es': (d: string) => loadXed(d, 'es'),
  'xed-th': (d: string) => loadXed(d, 'th'),
  'xed-vi': (d: string) => loadXed(d, 'vi'),
  'xed-id': (d: string) => loadXed(d, 'id'),
  'xed-ms': (d: string) => loadXed(d, 'ms'),
  'xed-ar': (d: string) => loadXed(d, 'ar'),
});

// Checked at load so a typo in the map fails fast rather than yielding an empty label space.
if (INTENT_LABELS.length !== 77) throw new Error('INTENT_LABELS must hold the 77 Banking77 intents');
