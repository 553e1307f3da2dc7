import type { Dispatcher } from 'undici';

/**
 * Wraps an undici dispatcher so every byte a client hands it is also given
 * to `sink` before TLS encrypts it: request line, headers (GET queries carry
 * tRPC inputs in the URL) and body, whatever form the body takes.
 */
export function teeRequests(dispatcher: Dispatcher, sink: (bytes: Uint8Array) => void): Dispatcher {
  const text = (s: string) => sink(new TextEncoder().encode(s));
  return dispatcher.compose((dispatch) => (opts, handler) => {
    text(`${opts.method} ${opts.origin ?? ''}${opts.path}\r\n`);
    const headers = opts.headers;
    if (Array.isArray(headers)) text(`${headers.join('\r\n')}\r\n`);
    else if (headers && typeof (headers as Iterable<unknown>)[Symbol.iterator] === 'function') for (const [k, v] of headers as Iterable<[string, string]>) text(`${k}: ${v}\r\n`);
    else if (headers) for (const [k, v] of Object.entries(headers)) text(`${k}: ${String(v)}\r\n`);
    const body = opts.body as unknown;
    if (typeof body === 'string') text(body);
    else if (body instanceof Uint8Array) sink(body);
    else if (body && typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
      const source = body as AsyncIterable<Uint8Array | string>;
      opts = {
        ...opts,
        body: (async function* () {
          for await (const chunk of source) {
            if (typeof chunk === 'string') text(chunk);
            else sink(chunk);
            yield chunk;
          }
        })() as unknown as Dispatcher.DispatchOptions['body'],
      };
    } else if (body !== null && body !== undefined) throw new Error(`tee: unexpected body type ${Object.prototype.toString.call(body)}`);
    return dispatch(opts, handler);
  });
}
