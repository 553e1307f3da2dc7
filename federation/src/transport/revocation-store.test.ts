import { beforeAll, describe, expect, it } from 'vitest';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import {
  createCertificateAuthority,
  createRevocationList,
  revokeCertificate,
  type CertificateAuthority,
  type VerifiedRevocationList,
} from '@meridian/core/pki/index.ts';
import { createRevocationStore } from './revocation-store.ts';

let ca: CertificateAuthority;
let other: CertificateAuthority;
beforeAll(() => {
  ca = createCertificateAuthority({ name: 'Meridian federation CA', validDays: 30, keyBits: 2048 });
  other = createCertificateAuthority({ name: 'Meridian federation CA', validDays: 30, keyBits: 2048 });
});

const outcome = (fn: () => unknown): string => {
  try {
    fn();
    return 'accepted';
  } catch (error) {
    if (error instanceof MeridianError) return `${error.code}:${String(error.evidence.reason)}`;
    throw error;
  }
};

describe('RevocationStore', () => {
  it('installs newer lists, notifies subscribers and ignores a repeat of the current list', () => {
    const v0 = createRevocationList(ca);
    const store = createRevocationStore(ca.certPem, JSON.parse(JSON.stringify(v0)));
    const seen: number[] = [];
    const unsubscribe = store.subscribe((list) => seen.push(list.number));
    const v1 = revokeCertificate(ca, v0, 'AA', 'superseded');
    const v3 = revokeCertificate(ca, revokeCertificate(ca, v1, 'BB', 'superseded'), 'CC', 'keyCompromise');
    store.update(v1);
    store.update(JSON.parse(JSON.stringify(v1)));
    store.update(v3); // skipping a number is fine: lists are cumulative
    unsubscribe();
    expect(store.current().number).toBe(3);
    expect(seen).toEqual([1, 3]);
  });

  it('refuses rollback, equivocation, un-revocation and lists of other CAs', () => {
    const v0 = createRevocationList(ca);
    const v1 = revokeCertificate(ca, v0, 'AA', 'superseded');
    const store = createRevocationStore(ca.certPem, v1);
    expect(outcome(() => store.update(v0))).toBe('CONFLICT:rollback');
    expect(outcome(() => store.update(revokeCertificate(ca, v0, 'BB', 'superseded')))).toBe('CONFLICT:equivocation');
    // A correctly signed list number 2 that forgets AA.
    const forgetful: VerifiedRevocationList = revokeCertificate(ca, revokeCertificate(ca, v0, 'BB', 'superseded'), 'CC', 'superseded');
    expect(outcome(() => store.update(forgetful))).toBe('CONFLICT:unrevocation');
    expect(outcome(() => store.update(revokeCertificate(other, revokeCertificate(other, createRevocationList(other), 'AA', 'superseded'), 'DD', 'superseded')))).toBe(
      'UNAUTHENTICATED:wrong_issuer',
    );
    expect(outcome(() => store.update({ ...v1, number: 9 }))).toBe('UNAUTHENTICATED:bad_signature');
    expect(store.current()).toEqual(v1);
    expect(() => createRevocationStore(ca.certPem, createRevocationList(other))).toThrow(MeridianError);
  });
});
