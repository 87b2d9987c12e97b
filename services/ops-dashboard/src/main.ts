import { once } from 'node:events';
import pino from 'pino';
import { TokenVerifier } from '@rosterlink/auth';
import { KafkaConnection } from '@rosterlink/messaging';
import { loadConfig } from '@rosterlink/platform';
import { createDashboardServer } from './dashboard-server';
import { LiveEvents } from './live-events';
import { OpsDashboardConfig } from './ops-dashboard.config';
import { operationsReport, sharedFor } from './operations-status';

/** How long one round of /health and /metrics answers serves every dashboard that polls (each polls every 10–15 s). */
const OPERATIONS_REPORT_MAX_AGE_MS = 5_000;

async function main(): Promise<void> {
  const config = loadConfig(OpsDashboardConfig);
  const logger = pino({ name: 'ops-dashboard', level: config.LOG_LEVEL });
  const devSignIn = config.devSignIn();
  const live = new LiveEvents(new KafkaConnection(config.messagingOptions('ops-dashboard')), (message) => logger.info(message));
  const server = createDashboardServer({
    serviceUrls: config.serviceUrls,
    webRoot: config.WEB_ROOT,
    verifier: new TokenVerifier(config.authOptions),
    live,
    operationsReport: sharedFor(OPERATIONS_REPORT_MAX_AGE_MS, () => operationsReport(config.serviceUrls, config.lagThresholds)),
    devSignIn,
    // Messages only: request bodies and tokens are never logged.
    logError: (message, error) => logger.error({ err: error instanceof Error ? { name: error.name, message: error.message } : String(error) }, message),
  });
  live.start();
  server.listen(config.PORT, config.HOST);
  await once(server, 'listening');
  logger.info(`listening on http://${config.HOST}:${config.PORT}${devSignIn ? ' (local sign-in on)' : ''}`);

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, async () => {
      server.close();
      server.closeAllConnections();
      await live.close();
      process.exit(0);
    });
  }
}

main().catch((error) => {
  console.error(`ops-dashboard failed to start: ${error?.stack ?? error}`);
  process.exit(1);
});
