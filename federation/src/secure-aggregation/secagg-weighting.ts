/**
 * How much each party counts in the securely aggregated mean. It must match
 * the `weighting` the strategy would use: the strategy receives one
 * pre-averaged update and cannot weigh the parties itself. (`sqrt` is not
 * offered: √examples is not an integer, so it would not encode exactly.)
 */
export type SecaggWeighting = 'uniform' | 'examples';
