import { Cron, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { CronJobSpec, JobSpec } from '../spec/types';
import { ServiceConstructProps } from './context';
import { hash, podTemplate } from './pod-template';

/** Props of {@link OneShotJob}. */
export type OneShotJobProps = ServiceConstructProps<JobSpec>;

/**
 * One-shot work such as a migration or a seeder: a Job.
 *
 * A Job's pod template is immutable, so the Job is named after its content:
 * `<service>-<hash of the synthesized spec>` (see {@link nameByContent}, which
 * synthesis applies to every Job, so any change to the template, whatever
 * caused it, changes the name). Re-applying the same
 * version changes nothing (and does not run it again); a new image or setting
 * gives a new name, so `kubectl apply` creates a new Job beside the finished
 * one instead of failing on an immutable field. GitOps tools prune the old one.
 * Finished Jobs are kept (no TTL): a deleted Job would be re-created, and so
 * re-run, by the next apply or sync.
 */
export class OneShotJob extends Construct {
  public readonly job: kplus.Job;

  constructor(scope: Construct, id: string, props: OneShotJobProps) {
    super(scope, id);
    const { spec, context } = props;
    const pod = podTemplate(this, spec, context, { component: 'job', claims: props.claims });
    this.job = new kplus.Job(this, 'Job', {
      ...pod.props,
      backoffLimit: spec.backoffLimit ?? 4,
      // The deadline counts from the start, waiting for dependencies included.
      activeDeadline: Duration.seconds(context.profile.waitTimeoutSeconds + (spec.deadlineSeconds ?? 600)),
      restartPolicy: kplus.RestartPolicy.NEVER,
    });
  }
}

/**
 * Renames a synthesized Job to `<name>-<hash of its spec>`, in place. Called
 * on every Job after synthesis: only the final object shows everything that
 * shapes the pod template.
 */
export function nameByContent(job: { metadata: { name: string }; spec: unknown }): void {
  job.metadata.name = `${job.metadata.name}-${hash(JSON.stringify(job.spec))}`;
}

/** Props of {@link ScheduledJob}. */
export type ScheduledJobProps = ServiceConstructProps<CronJobSpec>;

/**
 * Periodic work such as a backup: a CronJob, in UTC, that never overlaps
 * itself and gives up on a run it missed by more than five minutes.
 */
export class ScheduledJob extends Construct {
  public readonly cronJob: kplus.CronJob;

  constructor(scope: Construct, id: string, props: ScheduledJobProps) {
    super(scope, id);
    const { spec, context } = props;
    const pod = podTemplate(this, spec, context, { component: 'cronjob', claims: props.claims });
    const [minute, hour, day, month, weekDay] = spec.schedule.split(/\s+/);
    this.cronJob = new kplus.CronJob(this, 'CronJob', {
      ...pod.props,
      schedule: Cron.schedule({ minute, hour, day, month, weekDay }),
      timeZone: 'Etc/UTC',
      concurrencyPolicy: kplus.ConcurrencyPolicy.FORBID,
      startingDeadline: Duration.minutes(5),
      successfulJobsRetained: 3,
      failedJobsRetained: 3,
      backoffLimit: 2,
      activeDeadline: Duration.seconds(spec.deadlineSeconds ?? 3600),
      restartPolicy: kplus.RestartPolicy.NEVER,
    });
  }
}
