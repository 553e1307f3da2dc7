import type { NoteSigner } from '@meridian/audit/note/note-signer.ts';
import type { NoteVerifierKey } from '@meridian/audit/note/note-verifier-key.ts';
import type { OpenedRegionNode } from './open-region-node.ts';

const verifierOf = (s: NoteSigner, type: 0x01 | 0x04): NoteVerifierKey => ({ name: s.name, keyId: s.keyId, type, publicKey: s.publicKey });

/** The public keys others need to check this node: its log key and its witness (cosigner) key. */
export function nodeVerifierKeys(node: Pick<OpenedRegionNode, 'ledgerSigner' | 'witnessCosigner'>): { log: NoteVerifierKey; witness: NoteVerifierKey } {
  return { log: verifierOf(node.ledgerSigner, 0x01), witness: verifierOf(node.witnessCosigner, 0x04) };
}
