import { CATALOG } from '@meridian/core/catalog/catalog.ts';
import type { RegionNode } from '../node/region-node.ts';

/**
 * The region's data map: every table and column from the catalog (class,
 * purposes, erasure rule, encryption) with, for data about people, its
 * retention under each of the region's jurisdictions, plus the profile's special-category handling and
 * transfer rules. Metadata only.
 *
 * @example
 * const map = dataMap(node); // map.tables.find((t) => t.table === 'messages')
 */
export function dataMap(node: RegionNode) {
  const profile = node.policy.profile;
  return {
    region: node.region,
    name: profile.name,
    location: profile.location,
    jurisdictions: profile.jurisdictions.map((j) => ({ code: j.code, law: j.law, countries: j.countries, rightsDeadline: j.rightsDeadline, retentionDays: j.retentionDays })),
    specialCategories: profile.specialCategories,
    transfers: profile.transfers,
    tables: Object.entries(CATALOG).map(([table, t]) => ({
      table,
      description: t.description,
      aboutPeople: !!t.subjectColumn,
      columns: Object.entries(t.columns).map(([column, c]) => ({
        column,
        class: c.class,
        purposes: [...c.purposes],
        erasure: c.erasure,
        encrypted: !!c.encrypted,
        description: c.description,
        // The profile's retention by class applies to data about people; other tables (ledger, queue) have their own lifecycles.
        retentionDays: t.subjectColumn ? Object.fromEntries(profile.jurisdictions.map((j) => [j.code, j.retentionDays[c.class] ?? null])) : null,
      })),
    })),
  };
}
