import type { ConsoleSubjectFields } from '@meridian/core/access/console-subject.ts';
import { OPEN_REQUEST_STATES } from '@meridian/core/access/open-request-states.ts';
import type { Region } from '@meridian/core/policy/region-profile.ts';
import type { RightsRequestRow } from '@meridian/core/db/schema/rights.table.ts';
import type { RightsRequestState } from '../rights/rights-request-type.ts';

/** The console subjects that are reached through one rights request. */
export type RequestScopedSubject = 'RightsRequest' | 'SubjectPersonalData' | 'ConsentHistory' | 'AccessReport';

// Fails to compile if core's open states drift from the lifecycle they describe.
const openStatesExist: readonly RightsRequestState[] = OPEN_REQUEST_STATES;
void openStatesExist;

/**
 * What the access rules see of a request, per subject reached through it.
 *
 * @example
 * authorize(ability, 'read', 'SubjectPersonalData', requestAccessFields('eu', request).SubjectPersonalData);
 */
export function requestAccessFields(region: Region, r: Pick<RightsRequestRow, 'status' | 'type'>): { [S in RequestScopedSubject]: ConsoleSubjectFields[S] } {
  return {
    RightsRequest: { region, status: r.status, type: r.type },
    SubjectPersonalData: { region, requestStatus: r.status },
    ConsentHistory: { region, requestStatus: r.status },
    AccessReport: { region, requestStatus: r.status, requestType: r.type },
  };
}
