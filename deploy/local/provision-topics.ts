/**
 * Creates or corrects every Kafka topic of the contract (and its `.dlq`), and prints what it changed.
 *   npx tsx deploy/local/provision-topics.ts            (KAFKA_BROKERS, KAFKA_TOPIC_PREFIX from the environment)
 */
import { Kafka, logLevel } from 'kafkajs';
import { TOPIC_SPECS } from '@rosterlink/contracts';
import { provisionTopics } from '@rosterlink/messaging';

async function main(): Promise<void> {
  const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:19092').split(',');
  const prefix = process.env['KAFKA_TOPIC_PREFIX'] ?? '';
  const admin = new Kafka({ clientId: 'provision-topics', brokers, logLevel: logLevel.WARN }).admin();
  await admin.connect();
  try {
    const changes = await provisionTopics(admin, TOPIC_SPECS, prefix);
    for (const { topic, change, detail } of changes) {
      if (change !== 'unchanged') console.log(`[topics] ${topic}: ${change}${detail ? ` (${detail})` : ''}`);
    }
    const unchanged = changes.filter((c) => c.change === 'unchanged').length;
    console.log(`[topics] ${changes.length - unchanged} changed, ${unchanged} already as declared, on ${brokers.join(',')}`);
  } finally {
    await admin.disconnect();
  }
}

main().catch((error) => {
  console.error(`[topics] failed: ${error}`);
  process.exit(1);
});
