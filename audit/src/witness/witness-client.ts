import type { AddCheckpointRequest } from './add-checkpoint-request.ts';
import type { WitnessResponse } from './witness-response.ts';

/**
 * How a log reaches one witness. In process it is the `Witness` itself; across
 * regions the lead wires a tRPC/mTLS transport that implements the same call.
 */
export interface WitnessClient {
  /** The witness's cosigner name, as in its signature lines. */
  readonly name: string;
  addCheckpoint(request: AddCheckpointRequest): Promise<WitnessResponse>;
}
