/** The checks of a profile, and of what a stack asks of the profile it is synthesized for. */
import { isIP } from 'net';
import { tagProblem } from '../spec/images';
import { CPU, DNS_LABEL, LABEL_MAX, SIZE } from '../spec/syntax';
import { StackSpec, STAGES } from '../spec/types';
import { Profile } from './profile';

const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$/;

const REGISTRY = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:[0-9]{1,5})?(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;

/** What a stack asks of the profile it is synthesized for: volumes encrypted at rest where its spec requires them. */
export function placementProblems(spec: StackSpec, profile: Profile): string[] {
  if (!(spec.encryptedVolumesIn ?? []).includes(profile.stage) || profile.volumesEncryptedAtRest) {
    return [];
  }
  return [`stack '${spec.name}': 'encryptedVolumesIn' requires volumes encrypted at rest in stage '${profile.stage}', but profile '${profile.name}' has 'volumesEncryptedAtRest: false'; `
    + `name StorageClasses that encrypt and set it to true in its file in environments/ (docs/deploying.md, "A managed cluster"), or remove '${profile.stage}' from 'encryptedVolumesIn' in charts/${spec.name}.ts`];
}

/** Checks a profile: every problem, each naming the profile, field, value and fix. */
export function profileProblems(profile: Profile): string[] {
  const problems: string[] = [];
  const at = `profile '${profile.name}'`;
  const fix = `; edit its file in environments/`;
  if (!DNS_LABEL.test(profile.name)) {
    problems.push(`${at}: 'name' must be a DNS-1123 label (it names the dist/ folder), got '${profile.name}'${fix}`);
  }
  const tag = tagProblem(profile.imageTag);
  if (tag !== undefined) {
    problems.push(`${at}: 'imageTag' ${tag}; set a version such as '1.4.2' in its file in environments/ or pass IMAGE_TAG`);
  }
  // The longest host is <route host>.<stack>.<domain>: the stack and route host labels are checked with the stacks.
  if (!DNS_SUBDOMAIN.test(profile.domain) || profile.domain.length > 253 - 2 * (LABEL_MAX + 1)) {
    problems.push(`${at}: 'domain' must be a DNS name such as 'example.com' (labels of at most 63 characters, at most ${253 - 2 * (LABEL_MAX + 1)} in all, so that stack and route hosts fit), got '${profile.domain}'${fix}`);
  }
  const names: Array<[string, string | undefined]> = [
    ['tls.clusterIssuer', profile.tls?.clusterIssuer],
    ['storageClassName', profile.storageClassName],
    ['sharedStorageClassName', profile.sharedStorageClassName],
    ['secretStore.name', profile.secretStore?.name],
  ];
  for (const [field, value] of names) {
    if (value !== undefined && !DNS_SUBDOMAIN.test(value)) {
      problems.push(`${at}: '${field}' must be a Kubernetes object name (lower-case letters, digits, '-' and '.', at most 253 characters), got '${value}'${fix}`);
    }
  }
  if (!REGISTRY.test(profile.registry)) {
    problems.push(`${at}: 'registry' must be a registry host and path in lower case, such as 'registry.example.com/team' (no scheme, no tag, no trailing '/'), got '${profile.registry}'${fix}`);
  }
  // Typed as unions, but a profile edited without the compiler (or cast) still reaches synth.
  const choices: Array<[string, string | undefined, readonly string[]]> = [
    ['stage', profile.stage, STAGES],
    ['routing.kind', profile.routing.kind, ['ingress', 'gateway']],
    ['routing.annotations', profile.routing.kind === 'ingress' ? profile.routing.annotations : undefined, ['ingress-nginx', 'none']],
    ['routing.policies', profile.routing.kind === 'gateway' ? profile.routing.policies : undefined, ['envoy-gateway', 'none']],
    ['sharedAccessMode', profile.sharedAccessMode, ['ReadWriteOnce', 'ReadWriteMany']],
    ['imagePullPolicy', profile.imagePullPolicy, ['IfNotPresent', 'Always']],
    ['podSecurity', profile.podSecurity, ['restricted', 'baseline']],
    ['secretStore.kind', profile.secretStore?.kind, ['ClusterSecretStore', 'SecretStore']],
  ];
  for (const [field, value, allowed] of choices) {
    if (value !== undefined && !allowed.includes(value)) {
      problems.push(`${at}: '${field}' must be ${allowed.map(a => `'${a}'`).join(' or ')}, got '${value}'${fix}`);
    }
  }
  if (!isCidr(profile.apiServerCidr)) {
    problems.push(`${at}: 'apiServerCidr' must be an address range such as '10.0.0.0/16' or '0.0.0.0/0', got '${profile.apiServerCidr}'${fix}`);
  }
  for (const [field, r] of [['defaultResources', profile.defaultResources], ['waitResources', profile.waitResources]] as const) {
    if (!CPU.test(r.cpu) || !SIZE.test(r.memory)) {
      problems.push(`${at}: '${field}' must hold quantities such as cpu '100m' and memory '256Mi', got cpu '${r.cpu}' and memory '${r.memory}'`);
    }
  }
  if (typeof profile.volumesEncryptedAtRest !== 'boolean') {
    problems.push(`${at}: 'volumesEncryptedAtRest' must be true or false (whether its StorageClasses encrypt volumes at rest), got ${JSON.stringify(profile.volumesEncryptedAtRest)}${fix}`);
  }
  if (!(Number.isInteger(profile.waitTimeoutSeconds) && profile.waitTimeoutSeconds >= 2)) {
    problems.push(`${at}: 'waitTimeoutSeconds' must be a whole number, 2 or more, got ${profile.waitTimeoutSeconds}`);
  }
  problems.push(...routingProblems(at, fix, profile));
  problems.push(...prometheusOperatorProblems(at, fix, profile));
  problems.push(...tlsProblems(at, fix, profile));
  return problems;
}

/** The profile's TLS: the ACME challenge named, and no field left from before it was. */
function tlsProblems(at: string, fix: string, profile: Profile): string[] {
  const problems: string[] = [];
  // Renamed: a profile copied from an older release (or cast) still reaches synth with it.
  if ('tlsClusterIssuer' in profile) {
    problems.push(`${at}: 'tlsClusterIssuer' is now 'tls: { clusterIssuer, acmeChallenge }'; move the issuer there and name the challenge its solvers use, 'http01' or 'dns01'${fix}`);
  }
  const challenge: unknown = profile.tls?.acmeChallenge;
  if (profile.tls !== undefined && challenge !== 'http01' && challenge !== 'dns01') {
    const got = typeof challenge === 'string' ? `'${challenge}'` : String(challenge);
    problems.push(`${at}: 'tls.acmeChallenge' must be 'http01' (cert-manager's solver pod answers through the data plane on port 80) or 'dns01' (a TXT record at the DNS provider), as the ClusterIssuer '${profile.tls.clusterIssuer}' solves, got ${got}${fix}`);
  }
  return problems;
}

/** A label key (optional DNS prefix, then a name) and value. */
const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

/** The profile's routing and data plane: names Kubernetes would refuse, addresses that are no CIDR. */
function routingProblems(at: string, fix: string, profile: Profile): string[] {
  const problems: string[] = [];
  const routing = profile.routing;
  const name = (field: string, value: string, pattern: RegExp, what: string) => {
    if (!pattern.test(value)) {
      problems.push(`${at}: '${field}' must be ${what}, got '${value}'${fix}`);
    }
  };
  if (routing.kind === 'ingress') {
    if (routing.className !== undefined) {
      name('routing.className', routing.className, DNS_SUBDOMAIN, "an IngressClass name such as 'nginx' (or left out for the cluster's default)");
    }
    routing.allowedResponseHeaders.forEach(h => name('routing.allowedResponseHeaders', h, /^[A-Za-z0-9-]+$/, "an HTTP header name such as 'X-Frame-Options'"));
  } else if (routing.kind !== 'gateway' || typeof routing.gateway !== 'object' || routing.gateway === null) {
    // An unknown kind is reported with the other union fields; a gateway routing needs its Gateway.
    if (routing.kind === 'gateway') {
      problems.push(`${at}: 'routing.gateway' must be { className } or { shared: { name, namespace } }, got ${JSON.stringify(routing.gateway)}${fix}`);
    }
  } else if ('className' in routing.gateway) {
    name('routing.gateway.className', routing.gateway.className, DNS_SUBDOMAIN, "a GatewayClass name such as 'eg'");
  } else {
    name('routing.gateway.shared.name', routing.gateway.shared.name, DNS_SUBDOMAIN, "a Gateway name such as 'platform'");
    name('routing.gateway.shared.namespace', routing.gateway.shared.namespace, DNS_LABEL, "a namespace name such as 'gateway-system'");
    if (routing.gateway.shared.listener !== undefined) {
      name('routing.gateway.shared.listener', routing.gateway.shared.listener, DNS_SUBDOMAIN, "a listener name such as 'https'");
    }
  }
  profile.dataPlane.forEach((peer, i) => {
    const field = `dataPlane[${i}]`;
    if ('cidr' in peer) {
      if (!isCidr(peer.cidr)) {
        problems.push(`${at}: '${field}.cidr' must be an IPv4 or IPv6 CIDR such as '172.18.0.0/16', got '${peer.cidr}'${fix}`);
      }
      return;
    }
    if (peer.namespace !== undefined) {
      name(`${field}.namespace`, peer.namespace, DNS_LABEL, "a namespace name such as 'ingress-nginx'");
    }
    for (const [key, value] of Object.entries(peer.podLabels ?? {})) {
      name(`${field}.podLabels`, key, LABEL_KEY, "a label key such as 'app.kubernetes.io/name'");
      name(`${field}.podLabels.${key}`, value, LABEL_VALUE, 'a label value (63 characters at most: letters, digits, - _ .)');
    }
  });
  return problems;
}

/** An IPv4 or IPv6 address range `address/prefix`. */
function isCidr(text: string): boolean {
  const [address, prefix, ...rest] = text.split('/');
  const family = isIP(address);
  const bits = family === 4 ? 32 : 128;
  return family !== 0 && rest.length === 0 && /^[0-9]{1,3}$/.test(prefix ?? '') && Number(prefix) <= bits;
}

/** The profile's Prometheus Operator: label selectors Kubernetes accepts, a namespace, and a known request-metrics source. */
function prometheusOperatorProblems(at: string, fix: string, profile: Profile): string[] {
  const operator = profile.prometheusOperator;
  if (operator === undefined) {
    return [];
  }
  const problems: string[] = [];
  const labelProblems = (field: string, record: Readonly<Record<string, string>>) => {
    for (const [key, value] of Object.entries(record)) {
      if (!LABEL_KEY.test(key)) {
        problems.push(`${at}: '${field}' must hold label keys such as 'release', got '${key}'${fix}`);
      } else if (!LABEL_VALUE.test(value)) {
        problems.push(`${at}: '${field}.${key}' must be a label value (63 characters at most: letters, digits, - _ .), got '${value}'${fix}`);
      }
    }
  };
  labelProblems('prometheusOperator.selectorLabels', operator.selectorLabels);
  if (!DNS_LABEL.test(operator.prometheus.namespace)) {
    problems.push(`${at}: 'prometheusOperator.prometheus.namespace' must be a namespace name such as 'monitoring', got '${operator.prometheus.namespace}'${fix}`);
  }
  labelProblems('prometheusOperator.prometheus.podLabels', operator.prometheus.podLabels);
  const metrics = operator.requestMetrics;
  if (!['ingress-nginx', 'envoy-gateway', 'none'].includes(metrics.kind)) {
    problems.push(`${at}: 'prometheusOperator.requestMetrics.kind' must be 'ingress-nginx', 'envoy-gateway' or 'none', got '${metrics.kind}'${fix}`);
  } else if (metrics.kind === 'ingress-nginx' && !['exported_namespace', 'namespace'].includes(metrics.namespaceLabel)) {
    problems.push(`${at}: 'prometheusOperator.requestMetrics.namespaceLabel' must be 'exported_namespace' (the controller's ServiceMonitor without honorLabels) or 'namespace' (with it), got '${metrics.namespaceLabel}'${fix}`);
  }
  return problems;
}
