import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from './config.ts';

/**
 * What a process may do about a missing data folder. The default folder is relative to the
 * current one, so `dirsync list` run from elsewhere would silently start a second, empty
 * database with a second key: commands that only read refuse, the others say what they made.
 */
export type DataDirMode = 'create' | 'existing';

export class DataDirMissing extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataDirMissing';
  }
}

/** The folder this configuration keeps files in, or null when it keeps none (Postgres and a configured key). */
export function neededFolder(config: Config): string | null {
  if (config.database.kind === 'pglite' && config.database.dataDir) return resolve(config.database.dataDir);
  return config.secretKey === null ? resolve(config.dataDir) : null;
}

/**
 * Makes sure the data folder exists before anything writes into it. Returns the absolute path
 * it created, or null when there was nothing to create.
 */
export function prepareDataDir(config: Config, mode: DataDirMode): string | null {
  const needed = neededFolder(config);
  if (needed === null || existsSync(needed)) return null;
  const dataDir = resolve(config.dataDir);
  if (mode === 'existing') {
    const what = config.database.kind === 'pglite' ? 'No embedded database' : 'No secret key';
    throw new DataDirMissing(
      `${what} in ${dataDir} (the data folder: DIRSYNC_DATA_DIR, or .dirsync in the current folder when it is not set), ` +
        'and this command only reads, so it created nothing. ' +
        'Run dirsync from the folder you set it up in, set DIRSYNC_DATA_DIR to that data folder, ' +
        'or set DATABASE_URL (with DIRSYNC_SECRET_KEY) to use a Postgres server.',
    );
  }
  const created = existsSync(dataDir) ? needed : dataDir;
  mkdirSync(needed, { recursive: true, mode: 0o700 });
  return created;
}
