import type { ConsoleServices } from '#lib/server/console-services.ts';
import type { Grant } from '#lib/server/roles.ts';

declare global {
  namespace App {
    interface Locals {
      services: ConsoleServices;
      user: { id: string; email: string; name: string } | null;
      sessionId: string | null;
      grants: Grant[];
    }
    interface Error {
      message: string;
      code?: string;
    }
  }
}

export {};
