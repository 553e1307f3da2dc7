// The chaincode as a Fabric peer would run it: compiled by tsc (TypeScript 7)
// with decorator metadata, loaded by fabric-shim's own bootstrap from
// package.json `main`, then driven through a transaction.
import './double/quiet-logs.ts';
import { describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSONSerializer } from 'fabric-contract-api';
import ChaincodeFromContract from 'fabric-shim/lib/contract-spi/chaincodefromcontract.js';
import { ChaincodeStubDouble } from './double/chaincode-stub-double.ts';
import { WorldState } from './double/world-state.ts';
import { fixtureIdentity, TEST_CONFIG } from './double/peer-double.ts';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const require = createRequire(import.meta.url);

describe('compiled chaincode package', () => {
  test('tsc builds it with decorator metadata and fabric-shim bootstrap loads and runs it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meridian-cc-'));
    try {
      const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
      execFileSync(process.execPath, [tsc, '-p', join(pkgDir, 'tsconfig.json'), '--outDir', join(dir, 'dist')], { stdio: 'pipe' });
      const contractJs = readFileSync(join(dir, 'dist', 'contract.js'), 'utf8');
      expect(contractJs).toContain('__metadata("design:paramtypes", [fabric_contract_api_1.Context, String, String, String])');
      cpSync(join(pkgDir, 'package.json'), join(dir, 'package.json'));
      symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');

      const Bootstrap = require(join(repoRoot, 'node_modules', 'fabric-shim', 'lib', 'contract-spi', 'bootstrap.js'));
      const info = Bootstrap.getInfoFromContract(dir);
      expect(info.title).toBe('@meridian/ledger-chaincode');
      expect(info.contracts.map((c: { name: string }) => c.name)).toEqual(['MeridianLedgerContract']);
      const cc = new ChaincodeFromContract([...info.contracts], { transaction: 'jsonSerializer', serializers: { jsonSerializer: JSONSerializer } }, {}, info.title, info.version);
      const txs = cc.metadata.contracts['MeridianLedger']!.transactions;
      expect(txs.find((t) => t.name === 'Append')?.parameters).toHaveLength(3);
      expect(txs.find((t) => t.name === 'GetHead')?.tag).toEqual(['EVALUATE']);

      const world = new WorldState();
      const stub = new ChaincodeStubDouble(world.snapshot(), {
        args: [Buffer.from('InitConfig'), Buffer.from(JSON.stringify(TEST_CONFIG))],
        txId: 'built-1',
        channelId: 'meridian-audit',
        creator: fixtureIdentity('EUMSP'),
        timestamp: new Date('2025-01-31T09:00:00Z'),
        peerMspId: 'EUMSP',
      });
      const res = await cc.Invoke(stub);
      expect(res.status).toBe(200);
      expect(JSON.parse(Buffer.from(res.payload!).toString())).toMatchObject({ version: 1 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
