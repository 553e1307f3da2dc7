import type { RightsRequestRow } from '@meridian/core/db/schema/rights.table.ts';
import type { RegionNode } from '../node/region-node.ts';
import { buildAccessReport, type AccessReport } from '../rights/access-report.ts';
import { renderAccessReport } from '../rights/render-access-report.ts';
import { databaseTrainingLineage } from '../training/training-lineage.repository.ts';
import { recordPersonalDataView } from './personal-data-view.ts';
import type { ConsoleAccess } from './console-procedure.ts';

/**
 * The access report of a completed access request (JSON and Markdown), for
 * the DPO to deliver. It is built, then its disclosure is recorded on the
 * ledger, and only once that commits is it returned. Call it only after the
 * ability allowed `download AccessReport` on this request.
 *
 * @example
 * const { json, markdown } = await downloadAccessReport(node, request, ctx.access);
 */
export async function downloadAccessReport(node: RegionNode, request: RightsRequestRow, access: ConsoleAccess): Promise<{ json: AccessReport; markdown: string }> {
  const report = await buildAccessReport(node, request.id, { lineage: databaseTrainingLineage(node.db) });
  await node.db.transaction().execute((trx) => recordPersonalDataView(node, trx, request.id, 'access_report', access));
  node.logger.info({ requestId: request.id, by: access.actor }, 'access report disclosed to the console');
  return { json: report, markdown: renderAccessReport(report) };
}
