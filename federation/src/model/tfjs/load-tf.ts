import type * as TfModule from '@tensorflow/tfjs';

/** The TensorFlow.js namespace and the backend it runs on. */
export interface LoadedTf {
  tf: typeof TfModule;
  backend: string;
}

let loading: Promise<LoadedTf> | undefined;

/**
 * Loads TensorFlow.js once per process and picks its backend:
 * 1. `@tensorflow/tfjs-node-gpu`, then `@tensorflow/tfjs-node`, when installed
 *    (they cannot be installed on the reference machine, so they are optional
 *    and imported by a computed name at run time only);
 * 2. otherwise `@tensorflow/tfjs-backend-wasm` (SIMD; single-threaded in Node,
 *    which is why tokenizing and per-region training are kept outside tfjs).
 * `MERIDIAN_TF_BACKEND=wasm|cpu|tensorflow` forces one.
 *
 * @example
 * const { tf, backend } = await loadTf(); // backend === 'wasm' here
 */
export function loadTf(env: NodeJS.ProcessEnv = process.env): Promise<LoadedTf> {
  loading ??= pick(env.MERIDIAN_TF_BACKEND);
  return loading;
}

async function pick(forced: string | undefined): Promise<LoadedTf> {
  if (forced === undefined || forced === 'tensorflow') {
    for (const name of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']) {
      try {
        const mod = (await import(name)) as typeof TfModule;
        await mod.ready();
        return { tf: mod, backend: mod.getBackend() };
      } catch {
        // Not installed (the normal case here): fall through to WASM.
      }
    }
  }
  const tf = await import('@tensorflow/tfjs');
  if (forced === 'cpu') {
    await tf.setBackend('cpu');
  } else {
    await import('@tensorflow/tfjs-backend-wasm');
    if (!(await tf.setBackend('wasm'))) await tf.setBackend('cpu');
  }
  await tf.ready();
  return { tf, backend: tf.getBackend() };
}
