/** Hyperledger Fabric backend of the audit ledger. See audit/FABRIC.md. */
export type { ContractLike } from './contract-like.ts';
export { fabricLedger, FABRIC_MAX_BATCH, type FabricLedgerOptions } from './fabric-ledger.ts';
export { connectFabricGateway, DEFAULT_DEADLINES, type FabricConnectionOptions, type FabricDeadlines, type FabricGatewayConnection } from './connect-gateway.ts';
export { createFabricLedgerFromConfig, FABRIC_ENV, FABRIC_DEFAULTS, type FabricLedgerDeps, type FabricLedgerHandle } from './create-fabric-ledger-from-config.ts';
export { toMeridianError, parseChaincodeError, CHAINCODE_ERROR_CODES, CHAINCODE_TO_MERIDIAN, type ChaincodeError, type ChaincodeErrorCode } from './fabric-errors.ts';
