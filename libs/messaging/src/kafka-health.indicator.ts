import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { KafkaConnection } from './kafka-connection';

const TIMEOUT_MS = 2000;

/** Ready when the broker answers a metadata request within two seconds. */
@Injectable()
export class KafkaHealthIndicator {
  constructor(
    private readonly kafka: KafkaConnection,
    private readonly health: HealthIndicatorService,
  ) {}

  async check(key = 'kafka'): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    try {
      const admin = await this.kafka.getAdmin();
      const cluster = await Promise.race([
        admin.describeCluster(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out')), TIMEOUT_MS).unref()),
      ]);
      return indicator.up({ brokers: cluster.brokers.length });
    } catch (error) {
      return indicator.down({ message: String(error) });
    }
  }
}
