import type { DbOrTrx } from '@meridian/core/db/database.ts';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { loadRegionProfile } from '@meridian/core/policy/load-region-profile.ts';
import type { Region } from '@meridian/core/policy/region-profile.ts';
import type { TaskName } from '@meridian/federation/data/index.ts';
import type { FastTextEngine } from '@meridian/federation/model/fasttext-engine.ts';
import type { ModelSpec } from '@meridian/federation/model/model-spec.ts';
import { dpTrainer, type DpSettings } from '@meridian/federation/privacy/dp-trainer.ts';
import { dpSettingsFor, type DpPlan } from '@meridian/federation/privacy/default-dp-settings.ts';
import type { PrivacyBudget } from '@meridian/federation/privacy/privacy-budget.ts';
import { summarizePrivacySpend, type PrivacySpendSummary } from '@meridian/federation/privacy/summarize-privacy-spend.ts';
import type { LocalTrainer } from '@meridian/federation/round/local-trainer.ts';
import { trainLocal, type TrainingExample } from '@meridian/federation/training/index.ts';
import { databasePrivacySpendStore } from '@meridian/regions/training/privacy-spend.repository.ts';

export interface DpRegionTrainerOptions {
  region: Region;
  task: TaskName;
  spec: ModelSpec;
  engine: FastTextEngine;
  /** The region's own database: its spend lives there (`privacy_spend`). */
  db: DbOrTrx;
  plan: DpPlan;
  /** Rounds this session runs: σ is calibrated so that max(these, plan.plannedRounds) fit the remaining budget. */
  sessionRounds: number;
  /** The examples of a round (re-read per round: consent decides at that moment). */
  examplesFor: (round: number) => Promise<TrainingExample[]>;
  /** After each released round: the model's spend so far (for `meridian train`). */
  onSpend?: (summary: PrivacySpendSummary) => void;
}

/** The region's budget for a model, from its profile; a model without one cannot train under DP. */
export function privacyBudgetOf(region: Region, task: TaskName): PrivacyBudget {
  const budget = loadRegionProfile(region).privacyBudget[task];
  if (!budget) throw new MeridianError('BAD_INPUT', `the ${region} profile has no privacy budget for ${task}`, { region, task });
  return budget;
}

/**
 * A region's local trainer under subject-level DP, for the launcher and
 * `meridian train --dp`: σ is calibrated once per session from the spend the
 * region has recorded (so a new session never re-spends a budget), each round
 * runs `dpTrainer` over that round's consenting subjects, and the spend is
 * written to the region's own database before its update is released.
 * A round past the budget throws `BUDGET_EXCEEDED` before any gradient; the
 * participant reports it to the coordinator, and the round continues without the region.
 *
 * @example
 * const trainer = await dpRegionTrainer({ region: 'eu', task: 'intent', spec, engine, db: node.db, plan: DEFAULT_DP_PLAN, sessionRounds: 3, examplesFor });
 */
export async function dpRegionTrainer(o: DpRegionTrainerOptions): Promise<LocalTrainer> {
  const budget = privacyBudgetOf(o.region, o.task);
  const store = databasePrivacySpendStore(o.db);
  const previous = (await store.load(o.region, o.task)).map((e) => e.event);
  const planned = { ...o.plan, plannedRounds: Math.max(o.sessionRounds, o.plan.plannedRounds) };
  let calibrated: DpSettings | undefined;
  return async (global, config, context) => {
    const examples = await o.examplesFor(config.round);
    const subjects = new Set(examples.map((x) => x.subjectId)).size;
    // σ is calibrated once (in the first round, so a refusal is a failed round, not a failed session):
    // a σ that drifted with N or with the remaining budget would be chosen from private data.
    calibrated ??= dpSettingsFor(planned, budget, subjects, previous);
    const settings: DpSettings = { ...calibrated, expectedSubjectsPerStep: Math.min(o.plan.expectedSubjectsPerStep, subjects) };
    const fit = await dpTrainer({
      region: o.region,
      model: o.task,
      spec: o.spec,
      budget,
      store,
      subjects: Math.max(1, subjects),
      ...settings,
      train: (g, c, _ctx, hooks) => trainLocal(g, examples, c, { spec: o.spec, region: o.region, engine: o.engine, ...hooks }),
    })(global, config, context);
    o.onSpend?.(summarizePrivacySpend(await store.load(o.region, o.task), budget));
    return fit;
  };
}
