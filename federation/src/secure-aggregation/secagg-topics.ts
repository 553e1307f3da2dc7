/**
 * The round-channel topics of secure aggregation (Bonawitz et al. 2017's
 * rounds 0, 1 and 3; round 2 is the masked upload itself).
 */
export const SECAGG_TOPICS = Object.freeze({
  /** Broadcast, signed: a party's two X25519 public keys and its weight. */
  keys: 'secagg/keys',
  /** Addressed: the sender's Shamir shares for the recipient, encrypted to it. */
  shares: 'secagg/shares',
  /** From the coordinator: who the masked sum contains, and a key to encrypt unmasking shares to. */
  survivors: 'secagg/survivors',
  /** Broadcast but encrypted to the coordinator: the shares that remove masks. */
  unmask: 'secagg/unmask',
});
