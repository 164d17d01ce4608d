// Housekeeping jobs of the foundation: expired idempotency keys and ended sessions are deleted.
import { Op } from 'sequelize';
import type { Models } from './db/models';
import type { Job } from './scheduler';

export function housekeepingJobs(models: Models): Job[] {
  return [{
    name: 'housekeeping',
    cron: '17 3 * * *',
    async run(now) {
      const keys = await models.IdempotencyKey.destroy({ where: { expiresAt: { [Op.lt]: now } } });
      const sessions = await models.Session.destroy({ where: { expiresAt: { [Op.lt]: now } } });
      return { keys, sessions };
    },
  }];
}
