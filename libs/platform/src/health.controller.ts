import { Controller, Get, Injectable } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '@rosterlink/auth';
import { KafkaHealthIndicator } from '@rosterlink/messaging';
import { DataSource } from 'typeorm';
import { RedisHealthIndicator } from './redis';

/** The database answers and the service's schema has every migration applied. */
@Injectable()
export class SchemaHealthIndicator {
  constructor(
    private readonly dataSource: DataSource,
    private readonly health: HealthIndicatorService,
  ) {}

  async check(key = 'schema') {
    const indicator = this.health.check(key);
    try {
      const pending = await this.dataSource.showMigrations();
      return pending ? indicator.down({ message: 'migrations pending' }) : indicator.up();
    } catch (error) {
      return indicator.down({ message: String(error) });
    }
  }
}

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly schema: SchemaHealthIndicator,
    private readonly kafka: KafkaHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  /**
   * 200 while the process answers HTTP, whatever its dependencies do: what a liveness probe asks.
   * Restarting every instance because Kafka or PostgreSQL is away would only add a cold start to the
   * outage; `/health` (readiness) takes an instance out of traffic instead.
   */
  @Public()
  @Get('health/live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** 200 when PostgreSQL (with this service's schema migrated), Kafka and Redis are reachable. */
  @Public()
  @Get('health')
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 2000 }),
      () => this.schema.check(),
      () => this.kafka.check(),
      () => this.redis.check(),
    ]);
  }
}
