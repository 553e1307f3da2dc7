/**
 * `steps` applications of the sampled Gaussian mechanism: each step samples
 * every data subject independently with probability `sampleRate` (Poisson),
 * clips each sampled subject's contribution to L2 norm C and adds N(0, (σC)²)
 * per coordinate, σ = `noiseMultiplier`. One local DP-SGD run of a round is one
 * such event; a region's spend for a model is the list of its events.
 */
export interface SampledGaussianEvent {
  sampleRate: number;
  noiseMultiplier: number;
  steps: number;
}
