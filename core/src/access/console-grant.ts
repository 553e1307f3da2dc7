import { z } from 'zod';
import { REGIONS } from '../policy/region-profile.ts';
import { CONSOLE_ROLES } from './console-role.ts';

/** The most grants one user may hold (4 roles × 3 regions, with room to spare). */
export const MAX_GRANTS = 32;

/** One role in one region. A user holds a set of these; abilities are the union of their rules. */
export const consoleGrantSchema = z.strictObject({
  role: z.enum(CONSOLE_ROLES),
  region: z.enum(REGIONS),
});

export type ConsoleGrant = z.infer<typeof consoleGrantSchema>;

export const consoleGrantsSchema = z.array(consoleGrantSchema).max(MAX_GRANTS);
