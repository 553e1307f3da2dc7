import { Command } from 'commander';
import { createInterface } from 'node:readline';
import { loadEngine } from '@meridian/federation/model/index.ts';
import { createClassifier, createMessageClassifier } from '@meridian/federation/inference/index.ts';
import { decideRoute } from '@meridian/core/routing/decide-route.ts';
import { openCoordinatorStore } from '../../federation/open-coordinator-store.ts';
import { coordinatorDir } from '../../federation/train-local-federation.ts';
import { loadCurrentModels } from '../../federation/load-current-models.ts';

/** A line of input: NDJSON with a `text` field, or the text itself. */
function textOf(line: string): string | undefined {
  const t = line.trim();
  if (!t) return undefined;
  if (t.startsWith('{')) {
    try {
      const v = JSON.parse(t) as { text?: unknown };
      if (typeof v.text === 'string') return v.text;
    } catch {
      // not JSON after all: classify the line as text
    }
  }
  return t;
}

export function classifyCommand(): Command {
  return new Command('classify')
    .description('Classify messages from stdin (one per line, or NDJSON with a "text" field) offline with the registry\'s models; one JSON line out per message')
    .option('--model <hash...>', 'use these model versions (content hashes) instead of the current ones; each hash names its own task')
    .option('--data-dir <dir>', 'the launcher data directory (where the coordinator keeps its registry)', '.data')
    .action(async (opts) => {
      process.env.LOG_LEVEL ??= 'warn';
      const store = await openCoordinatorStore(coordinatorDir(opts.dataDir));
      try {
        const models = await loadCurrentModels(store.database.db, opts.model ?? []);
        const engine = await loadEngine('tfjs');
        const classifier = createMessageClassifier({
          intent: createClassifier(models.intent.model, engine),
          sentiment: createClassifier(models.sentiment.model, engine),
          emotion: createClassifier(models.emotion.model, engine),
        });
        console.error(`models: intent ${models.intent.hash.slice(0, 12)}, sentiment ${models.sentiment.hash.slice(0, 12)}, emotion ${models.emotion.hash.slice(0, 12)}`);
        for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
          const text = textOf(line);
          if (text === undefined) continue;
          const c = classifier.classify(text);
          const { route, reason } = decideRoute({ intent: c.intent.label, intentConfidence: c.intent.confidence, emotion: c.emotion.label, emotionConfidence: c.emotion.confidence, sentiment: c.sentiment.label });
          const r = (x: number) => Math.round(x * 1000) / 1000;
          process.stdout.write(
            JSON.stringify({
              intent: c.intent.label,
              intentConfidence: r(c.intent.confidence),
              sentiment: c.sentiment.label,
              sentimentConfidence: r(c.sentiment.confidence),
              emotion: c.emotion.label,
              emotionConfidence: r(c.emotion.confidence),
              route,
              routeReason: reason,
            }) + '\n',
          );
        }
      } finally {
        await store.close();
      }
    });
}
