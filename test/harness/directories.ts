// Test-side view of the directories started by global setup. Import from tests only: inject()
// works in test workers, not in the global-setup process.
import { describe, inject } from 'vitest';
import type { DirectoryInfo } from './directory-info.ts';

export type * from './directory-info.ts';

/** Connection facts and fixture data of the shared slapd and Samba AD DC. */
export function directories(): DirectoryInfo {
  // Undefined when vitest runs without the global setup (another config): treat as none.
  return inject('directories') ?? { slapd: null, samba: null, unavailable: {} };
}

const info = directories();

/** describe() that skips when the shared slapd is not running. */
export const describeSlapd = describe.skipIf(!info.slapd);

/** describe() that skips when the shared Samba AD DC is not running. */
export const describeSamba = describe.skipIf(!info.samba);

/** The shared slapd's info; throws when absent (use inside describeSlapd). */
export function slapdInfo(): NonNullable<DirectoryInfo['slapd']> {
  if (!info.slapd) throw new Error(`slapd not available: ${info.unavailable.slapd ?? 'unknown'}`);
  return info.slapd;
}

/** The shared Samba's info; throws when absent (use inside describeSamba). */
export function sambaInfo(): NonNullable<DirectoryInfo['samba']> {
  if (!info.samba) throw new Error(`Samba not available: ${info.unavailable.samba ?? 'unknown'}`);
  return info.samba;
}
