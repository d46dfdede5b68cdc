/**
 * Waiting for a Job to succeed (compose `service_completed_successfully`)
 * without a hand-written check: an init container reads the Job's status from
 * the API server, with a ServiceAccount whose Role may only `get` the Jobs it
 * waits for, and a token mounted into that init container alone.
 */
import { k8s } from 'cdk8s-plus-28';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { podTemplateOf } from '../kinds/kubernetes';
import { ServiceSpec } from '../spec/types';
import { StackContext } from './context';
import { labels } from './labels';

/** Image of the init container that reads a Job's status (curl, as a non-root user). */
export const JOB_WAIT_IMAGE = 'curlimages/curl:8.10.1';

/**
 * The variable that names the Job waited for. Jobs are renamed by content
 * after synthesis ({@link nameJobsByContent}), which rewrites it and the Role.
 */
export const JOB_VARIABLE = 'STACKPORT_JOB';

/** Where the init container finds its token, the cluster CA and the namespace. */
export const TOKEN_DIR = '/var/run/secrets/stackport/api';

/** What the pod needs to read the Jobs' status: its ServiceAccount and the token volume. */
export interface JobReader {
  readonly serviceAccount: kplus.IServiceAccount;
  readonly tokenVolume: kplus.Volume;
}

/**
 * A Role that may only `get` the named Jobs, bound to the pod's ServiceAccount
 * (a new one, without an automounted token, unless the pod already has one),
 * and a projected token volume for the init containers that wait.
 */
export function jobReader(scope: Construct, svc: ServiceSpec, ctx: StackContext, component: string, jobs: readonly string[],
  existing: kplus.IServiceAccount | undefined): JobReader {
  const meta = (name: string) => ({ name, labels: labels(ctx.spec.name, svc.name, component) });
  const serviceAccount = existing ?? new kplus.ServiceAccount(scope, 'JobReaderAccount', { metadata: meta(`${svc.name}-job-reader`), automountToken: false });
  new k8s.KubeRole(scope, 'JobReaderRole', {
    metadata: meta(`${svc.name}-job-reader`),
    rules: [{ apiGroups: ['batch'], resources: ['jobs'], resourceNames: [...jobs], verbs: ['get'] }],
  });
  new k8s.KubeRoleBinding(scope, 'JobReaderBinding', {
    metadata: meta(`${svc.name}-job-reader`),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `${svc.name}-job-reader` },
    subjects: [{ kind: 'ServiceAccount', name: serviceAccount.name }],
  });
  // cdk8s-plus has no projected volume (its constructor is private): the token, CA and namespace the API client needs, as the kubelet mounts them.
  const VolumeOf = kplus.Volume as unknown as new (scope: Construct, id: string, name: string, config: k8s.Volume) => kplus.Volume;
  const tokenVolume = new VolumeOf(scope, 'JobReaderToken', 'job-reader-token', {
    name: 'job-reader-token',
    projected: {
      sources: [
        { serviceAccountToken: { path: 'token', expirationSeconds: 3600 } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardApi: { items: [{ path: 'namespace', fieldRef: { fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  });
  return { serviceAccount, tokenVolume };
}

/** A shell check that succeeds once the Job named by {@link JOB_VARIABLE} has succeeded; prints its counts or curl's error. */
export function jobSucceededCheck(): string {
  // `read` and no backticks: the check runs inside the wait loop's backticks.
  return [
    `read -r token < ${TOKEN_DIR}/token; read -r ns < ${TOKEN_DIR}/namespace;`,
    `curl -sS --fail --max-time 5 --cacert ${TOKEN_DIR}/ca.crt -H "Authorization: Bearer $token"`,
    `"https://kubernetes.default.svc/apis/batch/v1/namespaces/$ns/jobs/$${JOB_VARIABLE}"`,
    `| grep -Eo '"(active|succeeded|failed)": *[0-9]+' | tr '\\n' ' ' | tee /dev/stderr | grep -Eq '"succeeded": *[1-9]'`,
  ].join(' ');
}

/**
 * Renames every Job to `<name>-<hash of its spec>` ({@link nameByContent}), in
 * place, and rewrites what names a Job that waits for another (the
 * {@link JOB_VARIABLE} of init containers, the Roles' resourceNames). A Job is
 * hashed only after the Jobs it waits for are renamed, so its hash covers their names.
 */
export function nameJobsByContent(objects: any[], nameByContent: (job: any) => void): void {
  const renamed = new Map<string, string>();
  const pending = objects.filter(o => o.kind === 'Job');
  const jobNames = new Set(pending.map(j => j.metadata.name));
  while (pending.length > 0) {
    const ready = pending.findIndex(j => waitedJobs(j).every(n => !jobNames.has(n) || renamed.has(n)));
    const [job] = pending.splice(ready === -1 ? 0 : ready, 1);
    rewriteJobNames(job, renamed);
    const before = job.metadata.name;
    nameByContent(job);
    renamed.set(before, job.metadata.name);
  }
  for (const o of objects.filter(x => x.kind !== 'Job')) {
    rewriteJobNames(o, renamed);
  }
}

/** The init containers' {@link JOB_VARIABLE} entries of a workload. */
function jobVariables(o: any): any[] {
  const pod = podTemplateOf(o)?.spec;
  return (pod?.initContainers ?? []).flatMap((c: any) => (c.env ?? []).filter((e: any) => e.name === JOB_VARIABLE));
}

function waitedJobs(o: any): string[] {
  return jobVariables(o).map(e => e.value);
}

function rewriteJobNames(o: any, renamed: ReadonlyMap<string, string>): void {
  for (const e of jobVariables(o)) {
    e.value = renamed.get(e.value) ?? e.value;
  }
  if (o.kind === 'Role') {
    for (const rule of (o.rules ?? []).filter((r: any) => (r.resources ?? []).includes('jobs'))) {
      rule.resourceNames = (rule.resourceNames ?? []).map((n: string) => renamed.get(n) ?? n);
    }
  }
}
