/**
 * @meridian/audit: the region audit ledger (RFC 9162 Merkle log with C2SP
 * signed checkpoints), witnesses, evidence bundles and the offline verifier.
 * See audit/README.md.
 */

// The contract every backend implements, and its data types.
export type { Ledger } from './ledger/ledger.ts';
export type { LedgerEntryInput, LedgerMeta } from './ledger/ledger-entry-input.ts';
export type { LedgerEntry } from './ledger/ledger-entry.ts';
export type { LedgerLeaf } from './ledger/ledger-leaf.ts';
export type { AppendedEntry } from './ledger/appended-entry.ts';
export type { CommittedEntry } from './ledger/committed-entry.ts';
export { LEDGER_EVENT_TYPES, type LedgerEventType } from './ledger/ledger-event-type.ts';
export { commitEntries, type SaltSource } from './ledger/commit-entries.ts';
export { encodeLeaf } from './ledger/encode-leaf.ts';
export { decodeLeaf } from './ledger/decode-leaf.ts';
export { commitPayload } from './ledger/commit-payload.ts';
export { ledgerSalts, type SaltRow } from './ledger/ledger-salts.repository.ts';

// Backends.
export { postgresLedger, type PostgresLedgerOptions } from './ledger/postgres/postgres-ledger.ts';
export { exportFullLog } from './ledger/postgres/export-full-log.ts';
// The Fabric backend is imported explicitly from '@meridian/audit/fabric/index.ts',
// so nodes on Postgres never load gRPC.

// Merkle maths (pure).
export { HASH_SIZE, hashLeaf, hashChildren, emptyRoot } from './merkle/hashes.ts';
export type { NodeId } from './merkle/node-id.ts';
export type { ProofPlan } from './merkle/proof-plan.ts';
export type { InclusionProof } from './merkle/inclusion-proof.ts';
export type { ConsistencyProof } from './merkle/consistency-proof.ts';
export { inclusionProofPlan } from './merkle/inclusion-proof-plan.ts';
export { consistencyProofPlan } from './merkle/consistency-proof-plan.ts';
export { assembleProof } from './merkle/assemble-proof.ts';
export { rangeNodes } from './merkle/range-nodes.ts';
export { foldRange } from './merkle/fold-range.ts';
export { rootFromInclusionProof } from './merkle/root-from-inclusion-proof.ts';
export { verifyInclusion } from './merkle/verify-inclusion.ts';
export { verifyConsistency } from './merkle/verify-consistency.ts';
export { naiveMerkle } from './merkle/naive/naive-merkle.ts';

// Signed notes, checkpoints, cosignatures, tlog-proofs (pure).
export type { NoteSigner } from './note/note-signer.ts';
export type { NoteVerifierKey } from './note/note-verifier-key.ts';
export { ed25519NoteSigner } from './note/ed25519-note-signer.ts';
export { signNote } from './note/sign-note.ts';
export { parseNote } from './note/parse-note.ts';
export { vkey } from './note/vkey.ts';
export type { Checkpoint } from './checkpoint/checkpoint.ts';
export type { SignedCheckpoint } from './checkpoint/signed-checkpoint.ts';
export { formatCheckpoint } from './checkpoint/format-checkpoint.ts';
export { parseCheckpoint } from './checkpoint/parse-checkpoint.ts';
export { signCheckpoint } from './checkpoint/sign-checkpoint.ts';
export { openCheckpoint } from './checkpoint/open-checkpoint.ts';
export { ed25519Cosigner } from './cosignature/ed25519-cosigner.ts';
export { cosignCheckpoint } from './cosignature/cosign-checkpoint.ts';
export { verifyCosignature } from './cosignature/verify-cosignature.ts';
export type { TlogProof } from './proof/tlog-proof.ts';
export { formatTlogProof } from './proof/format-tlog-proof.ts';
export { parseTlogProof } from './proof/parse-tlog-proof.ts';

// Trust.
export type { Keyring } from './trust/keyring.ts';
export { formatTrustFile } from './trust/format-trust-file.ts';
export { keyringFromCertificates, type CertificateKeyringInput } from './trust/keyring-from-certificates.ts';

// Witnesses.
export type { Witness } from './witness/witness.ts';
export type { WitnessClient } from './witness/witness-client.ts';
export type { WitnessAlarm } from './witness/witness-alarm.ts';
export type { WitnessResponse } from './witness/witness-response.ts';
export type { AddCheckpointRequest } from './witness/add-checkpoint-request.ts';
export { createWitness, type WitnessOptions } from './witness/create-witness.ts';
export { requestCosignatures, type CosignFailure } from './witness/request-cosignatures.ts';

// Evidence bundles and the offline verifier.
export type { EvidenceBundle } from './bundle/evidence-bundle.ts';
export { buildEvidenceBundle, type BundleQuery } from './bundle/build-evidence-bundle.ts';
export type { Verdict, VerdictItem } from './verify/verdict.ts';
export type { TrustPolicy, TrustedKey } from './verify/trust-policy.ts';
export { verifyBundle } from './verify/verify-bundle.ts';
export { formatVerdict } from './verify/format-verdict.ts';
export { readTrustFile } from './verify/read-trust-file.ts';
export { verifyCommand, type VerifyCommandIo } from './cli/verify-command.ts';
