import type { PrivacySpendEntry, PrivacySpendStore } from './privacy-spend-store.ts';

/**
 * A `PrivacySpendStore` in process memory: for tests, simulations and benches.
 * A real node must persist its spend (a restart must not reset ε).
 *
 * @example
 * const store = createMemoryPrivacySpendStore();
 * await store.load('eu', 'intent'); // []
 */
export function createMemoryPrivacySpendStore(): PrivacySpendStore {
  const entries = new Map<string, PrivacySpendEntry[]>();
  const key = (region: string, model: string): string => JSON.stringify([region, model]);
  return {
    load: async (region, model) => (entries.get(key(region, model)) ?? []).map((e) => ({ ...e, event: { ...e.event } })),
    async record(region, model, entry) {
      const k = key(region, model);
      entries.set(k, [...(entries.get(k) ?? []), { ...entry, event: { ...entry.event } }]);
    },
  };
}
