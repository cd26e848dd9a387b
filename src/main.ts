import { existsSync } from 'node:fs';
import { ConfigError, loadInstallation, loadSandboxEnv, wantsSandbox } from './config.js';
import { createLog } from './log.js';
import { type Role, startRedress } from './redress.js';
import { startSandbox } from './sandbox/start-sandbox.js';
import { startWecomSandbox } from './sandbox/wecom/start-wecom-sandbox.js';

const ROLES = ['web', 'worker', 'all', 'sandbox'] as const;
/** How long SIGTERM waits for running jobs and requests before giving up. */
const STOP_TIMEOUT_MS = 10_000;

async function main(): Promise<void> {
  const asked = process.argv[2] ?? 'all';
  if (!(ROLES as readonly string[]).includes(asked))
    throw new ConfigError(`Unknown role "${asked}": use ${ROLES.join(', ')}`);
  if (existsSync('.env')) process.loadEnvFile('.env');
  // With no Slack app (nor WeCom) configured, `npm start` shows Redress in the browser instead of failing.
  const sandbox = asked === 'sandbox' || (asked === 'all' && wantsSandbox());
  let stopping: () => Promise<void>;
  let log: ReturnType<typeof createLog>;
  if (sandbox) {
    const env = loadSandboxEnv();
    log = createLog(env.LOG_LEVEL);
    const wecom = env.SANDBOX_CHAT === 'wecom';
    const running = await (wecom ? startWecomSandbox : startSandbox)(env, { log });
    console.log(
      wecom
        ? `Redress on WeCom, sandbox: open http://localhost:${running.port}/ (a WeCom stand-in; cases in memory, deadlines of minutes)`
        : `Redress sandbox: open http://localhost:${running.port}/ (no Slack app configured; cases in memory, deadlines of minutes)`,
    );
    stopping = running.stop;
  } else {
    const config = loadInstallation();
    log = createLog(config.env.LOG_LEVEL);
    const role = asked as Role;
    const redress = await startRedress(config, { role, log });
    log.info({ role }, 'redress started');
    stopping = redress.stop;
  }
  const stop = async (signal: string) => {
    log.info({ signal }, 'stopping');
    setTimeout(() => process.exit(1), STOP_TIMEOUT_MS).unref();
    await stopping();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
