import { readFileSync } from 'node:fs';
import { requireRegions } from '#lib/server/require-ability.ts';
import type { PageServerLoad } from './$types';

/** The verify page needs only the federation's trust file (public keys): the checking itself runs in the browser. */
export const load: PageServerLoad = ({ locals }) => {
  requireRegions(locals, 'download', 'EvidenceBundle');
  const file = locals.services.config.trustFile;
  let trust = '';
  try {
    trust = file ? readFileSync(file, 'utf8') : '';
  } catch {
    trust = '';
  }
  return { trust };
};
