// The scheduled work of notices, each under a database lease (one instance fires each occurrence):
// delivering what is due, firing cron rules, and rebuilding facts about people.
import type { Job } from '../../scheduler';
import type { Deliverer } from './deliverer';
import type { FactService } from './facts';
import type { RuleService } from './rules';

export function noticeJobs(services: { deliverer: Deliverer; rules: RuleService; facts: FactService }): Job[] {
  return [
    // Every ten seconds: a help call's on-duty notice and a resident's progress message should not wait a minute.
    { name: 'notice-delivery', cron: '*/10 * * * * *', run: async () => { let total = 0; for (;;) { const c = await services.deliverer.deliverDue(); const n = Object.values(c).reduce((a, b) => a + b, 0); total += n; if (n < 500) return { delivered: total }; } }, leaseMs: 60_000, quiet: true },
    { name: 'notice-rules', cron: '* * * * *', run: () => services.rules.fireDue(), leaseMs: 5 * 60_000, quiet: true },
    { name: 'resident-facts', cron: '*/30 * * * *', run: async () => ({ people: await services.facts.refreshAll() }), leaseMs: 30 * 60_000 },
  ];
}
