/** The origin line of a node's audit log (its checkpoint key carries the same name). */
export function ledgerOrigin(node: string): string {
  return `meridian.local/ledger/${node}`;
}

/** The cosigner name of a node's witness. */
export function witnessName(node: string): string {
  return `meridian.local/witness/${node}`;
}
