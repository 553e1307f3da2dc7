/**
 * The HTTP header in which a caller states which region it speaks for. The
 * server refuses the request unless the header matches the region in the
 * caller's client certificate, so a node can never act for another region
 * even if application code trusts the claim further down.
 */
export const REGION_CLAIM_HEADER = 'x-meridian-region';
