/**
 * A worker in a process of its own, for tests that kill it. Reads its configuration as JSON from the
 * REDRESS_TEST_CONFIG variable and the shared store's address from REDRESS_TEST_STORE.
 */
import type { Config } from '../../src/config.js';
import { createLog } from '../../src/log.js';
import { startRedress } from '../../src/redress.js';
import { caseStore } from '../../src/store/case-store.js';
import { remoteCollections } from './store-server.js';

const config = JSON.parse(process.env.REDRESS_TEST_CONFIG ?? '') as Config;
const store = caseStore(remoteCollections(process.env.REDRESS_TEST_STORE ?? ''));
const redress = await startRedress(config, { role: 'worker', log: createLog('silent'), store });
process.send?.('ready');
process.once('SIGTERM', async () => {
  await redress.stop();
  process.exit(0);
});
