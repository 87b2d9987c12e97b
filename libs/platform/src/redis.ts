import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';

export const REDIS = Symbol('REDIS');

export function createRedis(url: string): Redis {
  // BullMQ workers need `maxRetriesPerRequest: null`: they block on Redis and must not give up.
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
}

/** Closes the shared Redis connection last, after the queues that use it. */
@Injectable()
export class RedisLifecycle implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Injectable()
export class RedisHealthIndicator {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly health: HealthIndicatorService,
  ) {}

  async check(key = 'redis'): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    if (this.redis.status !== 'ready') return indicator.down({ message: `connection ${this.redis.status}` });
    try {
      await this.redis.ping();
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: String(error) });
    }
  }
}
