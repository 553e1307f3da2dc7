// `node:crypto` must load first: it installs the Buffer global the verifier's modules use.
import './node-crypto-for-browser.ts';
import { verifyBundle } from '@meridian/audit/verify/verify-bundle.ts';
import { readTrustFile } from '@meridian/audit/verify/read-trust-file.ts';
import type { Verdict } from '@meridian/audit/verify/verdict.ts';

/**
 * Checks an evidence bundle in the browser with the CLI's own verifier
 * (`audit/src/verify`): the same code path as `meridian verify BUNDLE --trust FILE`.
 * Bad JSON or a bad trust file gives a failed verdict that says why, never a throw.
 *
 * @example
 * const verdict = verifyInBrowser(await file.text(), trustText);
 * if (!verdict.ok) show(verdict.items.filter((i) => i.status === 'fail'));
 */
export function verifyInBrowser(bundleText: string, trustText: string): Verdict {
  let bundle: unknown;
  try {
    bundle = JSON.parse(bundleText);
  } catch {
    return unreadable('The file is JSON', 'it is not: the text cannot be parsed as JSON');
  }
  let trust;
  try {
    trust = readTrustFile(trustText);
  } catch (e) {
    return unreadable('The trust file is readable', e instanceof Error ? e.message : 'it cannot be read');
  }
  return verifyBundle(bundle, trust);
}

function unreadable(check: string, detail: string): Verdict {
  return { ok: false, origin: '(unknown)', about: '(unreadable input)', items: [{ section: 'trust', status: 'fail', check, detail }] };
}
