import { createLogger } from './adapters/log/logger.ts';
import { ConfigError, parseConfig } from './config.ts';
import { closeOnSignals, startServer } from './server.ts';

// Entry point for `node src/main.ts`: the only place (with cli.ts) that reads the environment.
try {
  const config = parseConfig(process.env);
  const log = createLogger(config.logLevel);
  try {
    closeOnSignals(await startServer(config, log), log);
  } catch (e) {
    log.error(`dirsync could not start: ${(e as Error).message}`);
    process.exit(1);
  }
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  process.stderr.write(`dirsync: ${e.message}\n`);
  process.exit(2);
}
