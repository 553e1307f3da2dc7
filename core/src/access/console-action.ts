/**
 * What a console user may do to a subject. `manage` is CASL's wildcard: it
 * matches every action, so it is only ever granted on `ConsoleUser`.
 */
export const CONSOLE_ACTIONS = ['read', 'create', 'verify', 'approve', 'deny', 'extend', 'execute', 'download', 'start', 'manage'] as const;
export type ConsoleAction = (typeof CONSOLE_ACTIONS)[number];
