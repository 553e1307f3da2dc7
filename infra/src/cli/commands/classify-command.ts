import { Command, Option } from 'commander';
import { createInterface } from 'node:readline';
import { REGIONS, type Region } from '@meridian/core/policy/region-profile.ts';
import type { OpenDatabase } from '@meridian/core/db/open-database.ts';
import { loadEngine } from '@meridian/federation/model/index.ts';
import { createClassifier, createMessageClassifier } from '@meridian/federation/inference/index.ts';
import { TASK_NAMES } from '@meridian/federation/data/index.ts';
import { decideRoute } from '@meridian/core/routing/decide-route.ts';
import { openCoordinatorStore } from '../../federation/open-coordinator-store.ts';
import { coordinatorDir } from '../../federation/train-local-federation.ts';
import { loadServedModels } from '../../federation/load-served-models.ts';
import { openRegionStore } from '../../federation/open-region-store.ts';

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
    .description(
      'Classify messages from stdin (one per line, or NDJSON with a "text" field) offline; one JSON line out per message. Without --region: the current global models. With --region: what that region\'s node serves (its own adapted models for the tasks served adapted), read from its store',
    )
    .option('--model <hash...>', 'use these model versions (content hashes) instead of the current ones; each hash names its own task. Global hashes are in the registry; a region-adapted hash needs --region')
    .addOption(new Option('-r, --region <region>', "classify as this region's node does, from its store (stop its node first: the embedded database is single-process)").choices(REGIONS))
    .option('--data-dir <dir>', 'the launcher data directory (coordinator registry, and <dir>/<region> for --region)', '.data')
    .action(async (opts: { model?: string[]; region?: Region; dataDir: string }) => {
      process.env.LOG_LEVEL ??= 'warn';
      const store = await openCoordinatorStore(coordinatorDir(opts.dataDir));
      let regionStore: OpenDatabase | undefined;
      try {
        if (opts.region) regionStore = await openRegionStore(opts.dataDir, opts.region);
        const models = await loadServedModels({ coordinatorDb: store.database.db, region: opts.region, regionDb: regionStore?.db, hashes: opts.model ?? [] });
        const engine = await loadEngine('tfjs');
        const classifier = createMessageClassifier({
          intent: createClassifier(models.intent.model, engine),
          sentiment: createClassifier(models.sentiment.model, engine),
          emotion: createClassifier(models.emotion.model, engine),
        });
        const origin = (o: string) => (o === 'region-adapted' ? ` (adapted in ${opts.region})` : '');
        console.error(`models: ${TASK_NAMES.map((t) => `${t} ${models[t].hash.slice(0, 12)}${origin(models[t].origin)}`).join(', ')}`);
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
        await regionStore?.close();
        await store.close();
      }
    });
}
