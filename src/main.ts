// Entry point for `node src/main.ts`: the only place (with cli.ts) that reads the environment.
// The hooks must be in place before the rest of the program is resolved, hence the dynamic imports.
import './node-hooks.ts';

const { createLogger, logFormatFor } = await import('./adapters/log/logger.ts');
const { ConfigError, parseConfig } = await import('./config.ts');
const { closeOnSignals, startServer } = await import('./server.ts');
try {
  const config = parseConfig(process.env);
  const log = createLogger(config.logLevel, undefined, logFormatFor(config.logFormat, Boolean(process.stdout.isTTY)));
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
