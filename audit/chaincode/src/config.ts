/**
 * Which MSP may append to which region's log.
 *
 * The configuration lives in world state (key `CONFIG_KEY`), never in code or
 * in peer environment variables: every endorsing peer must evaluate the same
 * rule or endorsements would diverge. It is written once by `InitConfig`
 * (the deploy script calls it with `--isInit`, so it is the chaincode's first
 * transaction) and afterwards changed only by `ApproveConfig`, which needs a
 * quorum of distinct admin MSPs approving the very same next version.
 */
import { LedgerContractError } from './errors';

export interface LedgerConfig {
  /** Monotonic; each change must be exactly current + 1. */
  version: number;
  /** region id → MSP ids allowed to append to that region's log. */
  regions: Record<string, string[]>;
  /** MSP ids whose approvals count towards a configuration change. */
  admins: string[];
  /** Distinct admin approvals needed for a change (1 ≤ quorum ≤ admins.length). */
  quorum: number;
}

export const REGION_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;
/** Fabric MSP ids: letters, digits, dot, dash, underscore. */
export const MSP_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function fail(reason: string, evidence: Record<string, string | number> = {}): never {
  throw new LedgerContractError('MALFORMED', reason, evidence);
}

function mspList(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || value.length === 0) fail('config field must be a non-empty array of MSP ids', { field });
  const out: string[] = [];
  for (const v of value) {
    if (typeof v !== 'string' || !MSP_PATTERN.test(v)) fail('config holds an invalid MSP id', { field });
    if (out.includes(v)) fail('config lists an MSP id twice', { field, msp: v });
    out.push(v);
  }
  return out.sort();
}

/** Parses and validates a configuration, returning it in canonical form. */
export function parseConfig(json: string): LedgerConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    fail('config is not valid JSON');
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) fail('config must be a JSON object');
  const o = raw as Record<string, unknown>;
  const extra = Object.keys(o).filter((k) => !['version', 'regions', 'admins', 'quorum'].includes(k));
  if (extra.length > 0) fail('config has unknown fields', { field: extra.sort().join(',') });
  const { version, regions, admins, quorum } = o;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) fail('config.version must be an integer >= 1');
  if (!regions || typeof regions !== 'object' || Array.isArray(regions)) fail('config.regions must be an object');
  const regionIds = Object.keys(regions).sort();
  if (regionIds.length === 0) fail('config.regions must name at least one region');
  const canonicalRegions: Record<string, string[]> = {};
  for (const id of regionIds) {
    if (!REGION_PATTERN.test(id)) fail('config.regions has an invalid region id', { region: id.slice(0, 40) });
    canonicalRegions[id] = mspList((regions as Record<string, unknown>)[id], `regions.${id}`);
  }
  const adminList = mspList(admins, 'admins');
  if (typeof quorum !== 'number' || !Number.isSafeInteger(quorum) || quorum < 1 || quorum > adminList.length) {
    fail('config.quorum must be an integer between 1 and the number of admins', { admins: adminList.length });
  }
  return { version, regions: canonicalRegions, admins: adminList, quorum };
}

/** Deterministic serialisation (sorted keys and lists) so approvals can be matched by hash. */
export function canonicalConfigJson(c: LedgerConfig): string {
  const regions: Record<string, string[]> = {};
  for (const id of Object.keys(c.regions).sort()) regions[id] = [...(c.regions[id] ?? [])].sort();
  return JSON.stringify({ version: c.version, regions, admins: [...c.admins].sort(), quorum: c.quorum });
}

export function mayAppend(c: LedgerConfig, region: string, mspId: string): boolean {
  return Object.prototype.hasOwnProperty.call(c.regions, region) && (c.regions[region] ?? []).includes(mspId);
}
