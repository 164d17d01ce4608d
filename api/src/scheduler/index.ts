// The only place node-schedule is used. Jobs are registered with a cron rule and run under a lease,
// so several instances behind a load balancer run each occurrence once. Started and stopped explicitly.
import crypto from 'node:crypto';
import schedule from 'node-schedule';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import { tryAcquireLease, type LeaseModel } from './leases';

export interface Job { name: string; cron: string; run(now: Date): Promise<unknown>; leaseMs?: number }

export class Scheduler {
  private readonly holder = `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  private readonly scheduled: schedule.Job[] = [];
  constructor(private readonly deps: { Lease: LeaseModel; clock: Clock; logger: Logger; timezone: string }, private readonly jobs: Job[]) {}

  /** Runs one job now if this instance can take its lease; returns whether it ran. Tests call this directly. */
  async runOnce(job: Job): Promise<boolean> {
    const now = this.deps.clock.now();
    if (!(await tryAcquireLease(this.deps.Lease, job.name, this.holder, now, job.leaseMs ?? 60_000))) return false;
    try {
      const result = await job.run(now);
      this.deps.logger.info({ job: job.name, result }, 'scheduled job done');
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
