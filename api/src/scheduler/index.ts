// The only place node-schedule is used. Jobs are registered with a cron rule and run under a lease,
// so several instances behind a load balancer run each occurrence once. Started and stopped explicitly.
import crypto from 'node:crypto';
import schedule from 'node-schedule';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import { tryAcquireLease, type LeaseModel } from './leases';

/** `quiet`: a frequent job (every few seconds) logs its runs at debug level, not info. */
export interface Job { name: string; cron: string; run(now: Date): Promise<unknown>; leaseMs?: number; quiet?: boolean }

export class Scheduler {
  private readonly holder = `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  private readonly scheduled: schedule.Job[] = [];
  /** Jobs this instance is running now: an occurrence that comes round before the last one ended is skipped. */
  private readonly running = new Set<string>();
  constructor(private readonly deps: { Lease: LeaseModel; clock: Clock; logger: Logger; timezone: string }, private readonly jobs: Job[]) {}

  /** Runs one job now if this instance can take its lease; returns whether it ran. Tests call this directly. */
  async runOnce(job: Job): Promise<boolean> {
    if (this.running.has(job.name)) return false;
    this.running.add(job.name);
    try {
      return await this.leased(job);
    } finally {
      this.running.delete(job.name);
    }
  }

  private async leased(job: Job): Promise<boolean> {
    const now = this.deps.clock.now();
    if (!(await tryAcquireLease(this.deps.Lease, job.name, this.holder, now, job.leaseMs ?? 60_000))) return false;
    try {
      const result = await job.run(now);
      this.deps.logger[job.quiet ? 'debug' : 'info']({ job: job.name, result }, 'scheduled job done');
    } catch (err) {
      this.deps.logger.error({ err, job: job.name }, 'scheduled job failed');
    }
    return true;
  }

  start(): void {
    for (const job of this.jobs) {
      this.scheduled.push(schedule.scheduleJob(job.name, { rule: job.cron, tz: this.deps.timezone }, () => { void this.runOnce(job); }));
    }
  }

  async stop(): Promise<void> {
    for (const j of this.scheduled.splice(0)) j.cancel();
  }
}
