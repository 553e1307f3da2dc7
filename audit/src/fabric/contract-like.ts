/**
 * The slice of `@hyperledger/fabric-gateway`'s `Contract` that `FabricLedger`
 * uses. The real `Contract` satisfies it structurally; tests plug in a double
 * that runs the chaincode on an in-memory ChaincodeStub.
 *
 * Both methods resolve to the chaincode's response payload and reject with the
 * gateway's error classes (`EndorseError`, `SubmitError`, `CommitStatusError`,
 * `CommitError`, `GatewayError`), which `toMeridianError` understands.
 */
export interface ContractLike {
  /** Endorse, order and wait for commit; rejects with `CommitError` if the transaction is invalidated. */
  submitTransaction(name: string, ...args: Array<string | Uint8Array>): Promise<Uint8Array>;
  /** Run on one peer without committing. */
  evaluateTransaction(name: string, ...args: Array<string | Uint8Array>): Promise<Uint8Array>;
}
