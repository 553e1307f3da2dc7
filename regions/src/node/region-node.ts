import type { Db } from '@meridian/core/db/database.ts';
import type { DialectName } from '@meridian/core/db/open-database.ts';
import type { PolicyEngine } from '@meridian/core/policy/policy-engine.ts';
import type { RegionKeyring } from '@meridian/core/crypto/region-keyring.ts';
import type { DataKeyCache } from '@meridian/core/crypto/data-key-cache.ts';
import type { Logger } from '@meridian/core/logging/create-logger.ts';
import type { RegionMetrics } from './region-metrics.ts';
import type { SpecialCategoryDetector } from './special-category-detector.ts';
import type { MessageClassifier } from './message-classifier.ts';
import type { EventRecorder } from './event-recorder.ts';
import type { CrossRegionLink } from '../rights/cross-region/cross-region-link.ts';

/**
 * Everything a region node's operations need, passed in explicitly: no module
 * reaches for a global database, clock or key.
 */
export interface RegionNode {
  region: PolicyEngine['region'];
  policy: PolicyEngine;
  db: Db;
  dialect: DialectName;
  keyring: RegionKeyring;
  keys: DataKeyCache;
  logger: Logger;
  metrics: RegionMetrics;
  detector: SpecialCategoryDetector;
  classifier?: MessageClassifier;
  events?: EventRecorder;
  /** Federation lookup key and peer clients for cross-region rights requests; absent on a node not linked to its peers. */
  crossRegion?: CrossRegionLink;
  now(): Date;
}
