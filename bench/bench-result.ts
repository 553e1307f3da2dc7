import { cpus, totalmem } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface Figure {
  name: string;
  value: number;
  unit: string;
}

/** One benchmark's outcome, in the format of DESIGN.md §9. */
export interface BenchResult {
  benchmark: string;
  /** The headline figure and its baseline, measured in the same run. */
  measured: Figure;
  baseline: Figure;
  /** measured.value / baseline.value */
  ratio: number;
  /** What the issue asks for, in words and as a predicate already applied to `met`. */
  target: string;
  met: boolean;
  /** Further figures (latencies, sizes, per-region numbers...). */
  details?: Record<string, unknown>;
  /** Where the time goes, what fell short and why. */
  notes?: string[];
}

export interface MachineInfo {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  postgres?: string;
  platform: string;
}

export function machineInfo(postgres?: string): MachineInfo {
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.versions.node,
    postgres,
    platform: `${process.platform}-${process.arch}`,
  };
}

export const RESULTS_DIR = resolve(import.meta.dirname, 'results');

/** Writes bench/results/NAME.json and returns the path. */
export function writeBenchResult(result: BenchResult, machine: MachineInfo): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = resolve(RESULTS_DIR, `${result.benchmark}.json`);
  const body = { ...result, machine, ranAt: new Date().toISOString() };
  writeFileSync(path, JSON.stringify(body, null, 2) + '\n');
  return path;
}
