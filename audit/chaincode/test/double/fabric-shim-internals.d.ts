// Typings for the one fabric-shim internal the peer double uses: the class
// that turns contract classes into a chaincode (what `fabric-chaincode-node
// start` runs), so tests exercise Fabric's real dispatch, argument
// marshalling and error-to-response mapping.
declare module 'fabric-shim/lib/contract-spi/chaincodefromcontract.js' {
  import type { ChaincodeResponse } from 'fabric-shim-api';
  export default class ChaincodeFromContract {
    constructor(
      contractClasses: unknown[],
      serializers: { transaction: string; serializers: Record<string, unknown> },
      metadata?: object,
      title?: string,
      version?: string,
    );
    metadata: { contracts: Record<string, { transactions: Array<{ name: string; tag?: string[]; parameters?: unknown[] }> }> };
    Init(stub: unknown): Promise<ChaincodeResponse>;
    Invoke(stub: unknown): Promise<ChaincodeResponse>;
  }
}
