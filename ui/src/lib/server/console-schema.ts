import type { ColumnType, Generated } from 'kysely';

/** A role scoped to one region (DESIGN §7). Grants live apart from better-auth's user table. */
export interface ConsoleGrantsTable {
  user_id: string;
  role: string;
  region: string;
  granted_at: ColumnType<Date, Date | undefined, never>;
}

/** One DP query charged to an analyst's ε budget (DESIGN §6): no personal data, only the query's name. */
export interface DpBudgetLedgerTable {
  id: Generated<number>;
  user_id: string;
  query: string;
  epsilon: number;
  /** The released (already noisy) answer as JSON: showing it again is post-processing and costs nothing. */
  answer: string | null;
  spent_at: ColumnType<Date, Date | undefined, never>;
}

/** better-auth's tables, as far as the console reads them itself. */
export interface AuthUserTable {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface AuthSessionTable {
  id: string;
  userId: string;
  token: string;
  expiresAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The console's own database (users, sessions, grants, DP budget ledger). */
export interface ConsoleDatabase {
  user: AuthUserTable;
  session: AuthSessionTable;
  console_grants: ConsoleGrantsTable;
  dp_budget_ledger: DpBudgetLedgerTable;
}
