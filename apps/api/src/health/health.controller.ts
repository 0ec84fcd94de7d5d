import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, MikroOrmHealthIndicator } from '@nestjs/terminus';
import { DatabaseMigrations } from '@parcours/db';
import { OutboxService } from '@parcours/notifications';
import { Public } from '../auth/access.decorators';

/**
 * GET /health/live: the process answers. GET /health: ready to serve, meaning the database answers
 * and every committed migration is applied (503 otherwise). It also shows the e-mail outbox (backlog,
 * age of the oldest unsent message, dead letters), which is always "up": a down SMTP server must not
 * take the API out of a load balancer.
 */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: MikroOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly migrations: DatabaseMigrations,
    private readonly outbox: OutboxService,
  ) {}

  @Get()
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 2_000 }),
      async () => {
        const indicator = this.indicators.check('migrations');
        const { applied, pending } = await this.migrations.status();
        return pending.length === 0
          ? indicator.up({ applied: applied.length })
          : indicator.down({ applied: applied.length, pending: pending.length });
      },
      async () => {
        const indicator = this.indicators.check('outbox');
        try {
          return indicator.up({ ...(await this.outbox.health()) });
        } catch {
          return indicator.up({ unknown: true });
        }
      },
    ]);
  }

  @Get('live')
  live() {
    return { status: 'ok' };
  }
}
