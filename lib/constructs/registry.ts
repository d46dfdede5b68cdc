/**
 * The registry of service kinds, construct side: the construct each `kind` of
 * service becomes. The spec side (what it becomes, its checks) is
 * lib/spec/service-kinds.ts; the compiler refuses a kind missing from either.
 */
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ServiceKind, ServiceOfKind, ServiceSpec } from '../spec/types';
import { ServiceConstructProps } from './context';
import { Database } from './database';
import { OneShotJob, ScheduledJob } from './one-shot-job';
import { WebService } from './web-service';
import { Worker } from './worker';

/** Builds one service's constructs below `scope`; returns the Service that routes reach it by, when it has one. */
export type ServiceConstruct<S extends ServiceSpec> = (scope: Construct, id: string, props: ServiceConstructProps<S>) => kplus.Service | undefined;

/** The construct of every kind of service. */
export const SERVICE_CONSTRUCTS: { readonly [K in ServiceKind]: ServiceConstruct<ServiceOfKind<K>> } = {
  web: (scope, id, props) => new WebService(scope, id, props).service,
  stateful: (scope, id, props) => new Database(scope, id, props).service,
  // A worker's headless Service, if any, is no route target.
  worker: (scope, id, props) => noRouteTarget(new Worker(scope, id, props)),
  job: (scope, id, props) => noRouteTarget(new OneShotJob(scope, id, props)),
  cron: (scope, id, props) => noRouteTarget(new ScheduledJob(scope, id, props)),
};

/** A construct routes cannot reach. */
function noRouteTarget(_construct: Construct): undefined {
  return undefined;
}

/** Builds the construct of the service's kind; returns the Service that routes reach it by, when it has one. */
export function serviceConstruct<S extends ServiceSpec>(scope: Construct, id: string, props: ServiceConstructProps<S>): kplus.Service | undefined {
  // The one cast: TypeScript cannot correlate `props.spec.kind` with the entry it picks.
  const build = SERVICE_CONSTRUCTS[props.spec.kind] as unknown as ServiceConstruct<S>;
  return build(scope, id, props);
}
