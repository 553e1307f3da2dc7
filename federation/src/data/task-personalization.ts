import type { LocalAdaptation } from '../simulation/adapt-locally.ts';
import type { TaskName } from './task-name.ts';

/**
 * What a region node serves for a task: the global model as the federation
 * aggregated it, or that global model after a local adaptation on the
 * region's own training data (`adaptLocally`, with this budget).
 */
export type Personalization = { kind: 'global' } | { kind: 'local-adaptation'; budget: LocalAdaptation };

/**
 * One local epoch at a third of the federated peak learning rate, decaying to
 * 0, batch 64, fresh lazy Adam: enough to re-fit a region's label prior and its
 * own n-grams, too short to forget what the shared model learnt. Chosen a
 * priori and checked at twice the rate (federation/README.md, "Quality").
 */
export const ONE_LOCAL_EPOCH: LocalAdaptation = Object.freeze({ epochs: 1, learningRate: 0.01, batchSize: 64 });

/**
 * The single source of truth for what the nodes serve, and so for the protocol
 * `npm run bench -- federation-quality` judges each task by.
 *
 * - intent: the global model. eu and sea hold halves of one English dataset and
 *   me its Arabic twin, with the same 77 labels, so one model fits all three;
 *   a local epoch on the label-skewed halves cost rare intents their F1
 *   (measured: eu macro-F1 −2.5 vs centralized + the same epoch).
 * - sentiment, emotion: global + local adaptation. The regions share no
 *   language and have different label priors (Wisesight mostly neutral, the
 *   Arabic sentiment test mostly negative), so one shared softmax head fits no
 *   region; plain FedAvg missed both targets there, the adapted models met them.
 *
 * Adaptation runs inside each region on its own data and its result stays in
 * that region's store: nothing extra leaves a region and no round is added.
 */
export const TASK_PERSONALIZATION: Readonly<Record<TaskName, Personalization>> = Object.freeze({
  intent: { kind: 'global' },
  sentiment: { kind: 'local-adaptation', budget: ONE_LOCAL_EPOCH },
  emotion: { kind: 'local-adaptation', budget: ONE_LOCAL_EPOCH },
});

/**
 * The local adaptation budget a task is served with, or `undefined` when its
 * nodes serve the global model as it is.
 *
 * @example
 * adaptationOf('sentiment'); // { epochs: 1, learningRate: 0.01, batchSize: 64 }
 * adaptationOf('intent');    // undefined
 */
export function adaptationOf(task: TaskName): LocalAdaptation | undefined {
  const p = TASK_PERSONALIZATION[task];
  return p.kind === 'local-adaptation' ? p.budget : undefined;
}
