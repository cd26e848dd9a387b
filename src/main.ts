import { existsSync } from 'node:fs';
import { ConfigError, loadConfig } from './config.js';
import { createLog } from './log.js';
import { type Role, startRedress } from './redress.js';

const ROLES: Role[] = ['web', 'worker', 'all'];
/** How long SIGTERM waits for running jobs and requests before giving up. */
const STOP_TIMEOUT_MS = 10_000;

async function main(): Promise<void> {
  const role = (process.argv[2] ?? 'all') as Role;
  if (!ROLES.includes(role)) throw new ConfigError(`Unknown role "${role}": use ${ROLES.join(', ')}`);
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  const log = createLog(config.env.LOG_LEVEL);
  const redress = await startRedress(config, { role, log });
  log.info({ role }, 'redress started');
  const stop = async (signal: string) => {
    log.info({ signal }, 'stopping');
    setTimeout(() => process.exit(1), STOP_TIMEOUT_MS).unref();
    await redress.stop();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
