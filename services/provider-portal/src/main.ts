import { once } from 'node:events';
import pino from 'pino';
import { TokenVerifier } from '@rosterlink/auth';
import { loadConfig } from '@rosterlink/platform';
import { createPortalServer } from './portal-server';
import { ProviderPortalConfig } from './provider-portal.config';

async function main(): Promise<void> {
  const config = loadConfig(ProviderPortalConfig);
  const logger = pino({ name: 'provider-portal', level: config.LOG_LEVEL });
  const devSignIn = config.devSignIn();
  const server = createPortalServer({
    serviceUrls: config.serviceUrls,
    webRoot: config.WEB_ROOT,
    verifier: new TokenVerifier(config.authOptions),
    devSignIn,
    // Messages only: request bodies, files and tokens are never logged.
    logError: (message, error) => logger.error({ err: error instanceof Error ? { name: error.name, message: error.message } : String(error) }, message),
  });
  server.listen(config.PORT, config.HOST);
  await once(server, 'listening');
  logger.info(`listening on http://${config.HOST}:${config.PORT}${devSignIn ? ' (local sign-in on)' : ''}`);

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      server.close();
      server.closeAllConnections();
      process.exit(0);
    });
  }
}

main().catch((error) => {
  console.error(`provider-portal failed to start: ${error?.stack ?? error}`);
  process.exit(1);
});
