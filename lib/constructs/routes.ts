import * as kplus from 'cdk8s-plus-28';
import { Profile } from '../profiles/profile';
import { GzipSpec, RouteSpec } from '../spec/types';

/** The annotation that lists proxy behaviour the profile's controller does not carry out. */
export const NOT_ENFORCED_ANNOTATION = 'stackport.io/not-enforced';

/** One route whose target exists in this profile, with its resolved host and Service port. */
export interface RouteTarget {
  readonly route: RouteSpec;
  /** The full public host name. */
  readonly host: string;
  readonly service: kplus.Service;
  readonly port: number;
}

/**
 * The ClusterIssuer the stack's own objects request certificates from: its
 * Ingresses, or the Gateway it owns. None without TLS, and none with a shared
 * Gateway, whose certificates are the platform's.
 */
export function certificateIssuer(profile: Profile): string | undefined {
  const routing = profile.routing;
  return routing.kind === 'ingress' || 'className' in routing.gateway ? profile.tls?.clusterIssuer : undefined;
}

/** The Secret cert-manager writes a host's certificate to. */
export function tlsSecretName(host: string): string {
  return `${host.replace(/\./g, '-')}-tls`;
}

/** How a route's and the proxy's behaviour reads in a not-enforced list. */
export const describe = {
  bodySize: (size: string) => `request bodies up to ${size}`,
  rateLimit: (rps: number) => `rate limit ${rps} r/s per client`,
  burst: (burst: number) => `burst ${burst}`,
  bufferSize: (size: string) => `proxy buffer size ${size}`,
  buffers: (buffers: string) => `proxy buffers ${buffers}`,
  busyBuffers: (size: string) => `proxy busy buffers ${size}`,
  header: (name: string, value: string) => `response header ${name}: ${value}`,
  rewrite: (path: string, rewrite: string) => `rewrite of ${path} to ${rewrite}`,
  gzip: (gzip: GzipSpec) => `gzip of ${gzip.types.join(' ')} from ${gzip.minLengthBytes} bytes, with Vary`,
};
