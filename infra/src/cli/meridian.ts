#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { MeridianError } from '@meridian/core/errors/meridian-error.ts';
import { importCommand } from './commands/import-command.ts';
import { nodeCommand } from './commands/node-command.ts';
import { retentionCommand } from './commands/retention-command.ts';
import { startCommand } from './commands/start-command.ts';
import { demoCommand } from './commands/demo-command.ts';
import { keysCommand } from './commands/keys-command.ts';
import { ledgerCommand } from './commands/ledger-command.ts';
import { trainCommand } from './commands/train-command.ts';
import { unlearnCommand } from './commands/unlearn-command.ts';
import { classifyCommand } from './commands/classify-command.ts';
import { verifyCommand } from '@meridian/audit/cli/verify-command.ts';

// Run through `npm run meridian --` or `npx meridian`: both use the pinned Node 24.
if (Number(process.versions.node.split('.')[0]) < 24) {
  console.error(`meridian needs Node >= 24 (this is ${process.versions.node}); run it through "npm run meridian -- ..." or "npx meridian ..."`);
  process.exit(1);
}

const program = new Command('meridian')
  .description('Meridian: privacy-first, cross-region AI customer service')
  .showHelpAfterError()
  .addCommand(startCommand())
  .addCommand(nodeCommand())
  .addCommand(importCommand())
  .addCommand(retentionCommand())
  .addCommand(demoCommand())
  .addCommand(keysCommand())
  .addCommand(trainCommand())
  .addCommand(unlearnCommand())
  .addCommand(classifyCommand())
  .addCommand(ledgerCommand())
  .addCommand(verifyCommand())
  .addCommand((await import('./commands/request-command.ts')).requestCommand()).addCommand((await import('./commands/backup-command.ts')).backupCommand()).addCommand((await import('./commands/backup-command.ts')).restoreCommand());

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) process.exit(e.exitCode);
  if (e instanceof MeridianError) {
    console.error(`error ${e.code}: ${e.message}`);
    process.exit(2);
  }
  throw e;
}
