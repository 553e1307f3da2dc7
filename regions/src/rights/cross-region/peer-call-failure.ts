/** Why a call to a peer failed: it answered with a refusal (final), or it could not be reached or asked us to wait (retry). */
export type PeerCallFailure = { kind: 'refused'; code: string; status: number } | { kind: 'unreachable'; code: string };

/**
 * Classifies a failed peer call from its typed error: a 4xx other than 429
 * is the peer's final word; 429, 5xx, timeouts and network or TLS failures
 * are retried. Only codes are kept, never messages.
 *
 * @example
 * const f = peerCallFailure(error); // { kind: 'refused', code: 'FORBIDDEN', status: 403 }
 */
export function peerCallFailure(error: unknown): PeerCallFailure {
  // A TRPCClientError: its `data` carries the server's typed answer (tRPC's error shape, or the mTLS layer's refusal).
  if (error instanceof Error && error.name === 'TRPCClientError') {
    const data = (error as Error & { data?: unknown }).data as { httpStatus?: number; meridianCode?: string; code?: string; meridian?: { code?: string } } | undefined;
    const status = data?.httpStatus;
    const code = data?.meridianCode ?? data?.meridian?.code ?? data?.code ?? 'UNKNOWN';
    if (status !== undefined && status >= 400 && status < 500 && status !== 429) return { kind: 'refused', code, status };
    if (status !== undefined) return { kind: 'unreachable', code };
  }
  for (let c: unknown = error; c; c = (c as { cause?: unknown }).cause) {
    const name = (c as { name?: string }).name;
    if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'unreachable', code: 'TIMEOUT' };
  }
  return { kind: 'unreachable', code: 'UNREACHABLE' };
}
