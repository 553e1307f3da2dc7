/** One message relayed by the coordinator between the parties of a round. */
export interface ChannelMessage {
  /** Position in the round's channel (1, 2, ...): read again `after` it to get only newer messages. */
  seq: number;
  topic: string;
  /** A region, or `coordinator` for the server side. */
  from: string;
  /** A region, or null for everyone in the round. */
  to: string | null;
  body: Uint8Array;
}

/**
 * A per-round bulletin board through the coordinator, for protocols that need
 * rounds of messages around the update: secure aggregation's key
 * advertisement, encrypted Shamir shares and unmasking shares. The coordinator
 * relays and never interprets bodies (protocols encrypt what it must not
 * read); a channel lives as long as its round and is bounded in size.
 *
 * A participant's view shows broadcast messages and those addressed to it;
 * the server side (an `Aggregator`) sees all of them.
 *
 * @example
 * await context.channel.post('secagg/keys', publicKeyBytes);
 * const keys = await context.channel.read('secagg/keys', { waitMs: 5_000 });
 */
export interface RoundChannel {
  post(topic: string, body: Uint8Array, to?: string): Promise<void>;
  /** Messages on `topic` with seq > `after` (default 0); waits up to `waitMs` (default 0) for at least one. */
  read(topic: string, options?: { after?: number; waitMs?: number }): Promise<ChannelMessage[]>;
}
