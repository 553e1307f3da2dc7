/**
 * A double of fabric-shim's `ClientIdentity` for calling contract methods
 * directly (without fabric-shim's dispatcher, which builds the real
 * ClientIdentity from the creator certificate; see `peer-double.ts`).
 * The id format copies the real one: `x509::<subject DN>::<issuer DN>`.
 */
import type { ClientIdentity } from 'fabric-shim-api';

export class ClientIdentityDouble implements ClientIdentity {
  private readonly mspId: string;
  private readonly id: string;
  private readonly attrs: Record<string, string>;
  private readonly idBytes: Uint8Array;

  constructor(mspId: string, options: { cn?: string; attrs?: Record<string, string>; idBytes?: Uint8Array } = {}) {
    this.mspId = mspId;
    const cn = options.cn ?? `User1@${mspId.toLowerCase()}`;
    this.id = `x509::/C=EU/OU=client/CN=${cn}::/C=EU/O=${mspId.toLowerCase()}/CN=ca.${mspId.toLowerCase()}`;
    this.attrs = { ...(options.attrs ?? {}) };
    this.idBytes = options.idBytes ?? Buffer.from(`-----BEGIN CERTIFICATE-----\n(double for ${mspId})\n-----END CERTIFICATE-----\n`);
  }

  getID(): string {
    return this.id;
  }
  getMSPID(): string {
    return this.mspId;
  }
  getIDBytes(): Uint8Array {
    return this.idBytes;
  }
  getAttributeValue(attrName: string): string | null {
    return this.attrs[attrName] ?? null;
  }
  assertAttributeValue(attrName: string, attrValue: string): boolean {
    return this.attrs[attrName] === attrValue;
  }
}
