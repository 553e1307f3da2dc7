/**
 * fabric-shim and fabric-contract-api log through winston at INFO by default
 * (every decorator, every failed transaction). Import this module first in a
 * test file to keep test output readable; the level is read when their
 * loggers are created. The peer sets the same variable for real chaincode.
 */
process.env.CORE_CHAINCODE_LOGGING_LEVEL ??= 'CRITICAL';
export {};
