import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import type { CertificateIdentity } from '@meridian/core/pki/index.ts';
import { trpcErrorOf } from './trpc-error-of.ts';

/**
 * Refuses a procedure call whose input speaks for another region than the
 * caller's certificate, e.g. a model update for `sea` sent by `eu`. Throws a
 * `TRPCError` FORBIDDEN (HTTP 403) wrapping a `MeridianError` with evidence
 * `{ reason: 'region_mismatch', region, claimedRegion }`.
 *
 * @example
 * submitUpdate: t.procedure.input(z.object({ region: z.string() })).mutation(({ ctx, input }) => {
 *   assertRegionClaim(ctx.peer, input.region);
 * })
 */
export function assertRegionClaim(peer: CertificateIdentity, claimedRegion: string): void {
  if (peer.region === claimedRegion) return;
  throw trpcErrorOf(
    new MeridianError('FORBIDDEN', `certificate is for region ${peer.region}, not ${claimedRegion}`, {
      reason: 'region_mismatch',
      region: peer.region,
      // Caller-supplied: bounded before it is echoed back.
      claimedRegion: claimedRegion.slice(0, 64),
      serial: peer.serial,
    }),
  );
}
