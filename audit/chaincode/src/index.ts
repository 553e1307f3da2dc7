/**
 * Chaincode entry point. `fabric-chaincode-node start` loads `main` from
 * package.json and registers every class in `contracts`.
 */
import { MeridianLedgerContract } from './contract';

export { MeridianLedgerContract, APPENDED_EVENT, CONFIG_EVENT } from './contract';
export { LedgerContractError, parseLedgerErrorMessage, LEDGER_ERROR_CODES } from './errors';
export type { LedgerErrorCode, ParsedLedgerError } from './errors';
export type { LedgerConfig } from './config';

export const contracts: (typeof MeridianLedgerContract)[] = [MeridianLedgerContract];
