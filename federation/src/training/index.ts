/** Local training (Flower's `fit`), its DP-ready hooks, and evaluation. */
export { shuffledExampleBatches, subjectBatches } from './batch-planner.ts';
export type { BatchPlanner } from './batch-planner.ts';
export { classificationMetrics } from './classification-metrics.ts';
export type { ClassMetrics, ClassificationReport } from './classification-metrics.ts';
export { evaluateModel } from './evaluate-model.ts';
export type { EvaluationExample } from './evaluate-model.ts';
export { featurizeExamples } from './featurize-examples.ts';
export type { GradientStepContext, GradientTransform } from './gradient-transform.ts';
export { createLazyAdam } from './lazy-adam.ts';
export { meanOfContributions } from './mean-of-contributions.ts';
export type { SubjectContribution } from './subject-contribution.ts';
export { sumSparseGradients } from './sum-sparse-gradients.ts';
export { trainLocal } from './train-local.ts';
export type { LocalTrainingOptions } from './train-local.ts';
export type { TrainingExample } from './training-example.ts';
