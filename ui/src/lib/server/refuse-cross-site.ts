const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Decides whether a state-changing request comes from the console's own pages.
 * SvelteKit checks the origin of form posts only; this covers every content
 * type. The `Origin` header must be the console's; when a browser sends none,
 * `Sec-Fetch-Site` must say same-origin. Returns why it refuses, or null.
 *
 * @example
 * refuseCrossSite(new Request('https://c.example/x', { method: 'POST', headers: { origin: 'https://evil.example' } }), 'https://c.example'); // 'origin https://evil.example'
 */
export function refuseCrossSite(request: Request, origin: string): string | null {
  if (SAFE.has(request.method)) return null;
  const from = request.headers.get('origin');
  if (from !== null) return from === origin ? null : `origin ${from.slice(0, 100)}`;
  const site = request.headers.get('sec-fetch-site');
  if (site === 'same-origin') return null;
  return site ? `sec-fetch-site ${site.slice(0, 20)}` : 'no origin';
}
