import { IPersistentVolumeClaim } from 'cdk8s-plus-28';
import { Profile } from '../profiles/profile';
import { EnvMap, ServiceSpec, StackSpec } from '../spec/types';

/**
 * What every construct of one stack reads: the spec, the profile, and the
 * names derived from them. Built once per chart; constructs never look at
 * `profile.name`, only at the profile's fields.
 */
export class StackContext {
  /** Name of the Secret every password and key of the stack is read from. */
  public readonly secretName: string;
  /** The stack's options with the chart's overrides applied. */
  public readonly options: Readonly<Record<string, boolean>>;
  /** The services that exist in this profile with these options, in spec order. */
  public readonly services: readonly ServiceSpec[];

  constructor(
    public readonly spec: StackSpec,
    public readonly profile: Profile,
    optionOverrides: Readonly<Record<string, boolean>> = {},
  ) {
    this.secretName = `${spec.name}-secrets`;
    this.options = { ...spec.options, ...optionOverrides };
    this.services = spec.services.filter(s =>
      (s.stages ?? [profile.stage]).includes(profile.stage) && (s.option === undefined || this.options[s.option] === true));
  }

  /** The service of this name, if it exists in this profile. */
  public service(name: string): ServiceSpec | undefined {
    return this.services.find(s => s.name === name);
  }

  /** The variables of a service in this profile: base, then stage, then enabled options. */
  public env(svc: ServiceSpec): EnvMap {
    const byOption = Object.entries(svc.envByOption ?? {})
      .filter(([option]) => this.options[option] === true)
      .map(([, vars]) => vars);
    return Object.assign({}, svc.env, svc.envByStage?.[this.profile.stage], ...byOption);
  }

  /** The Secret keys the services of this profile read, in spec order of first use. */
  public secretKeys(): string[] {
    const keys = new Set<string>();
    for (const svc of this.services) {
      for (const value of Object.values(this.env(svc))) {
        if (typeof value !== 'string' && 'secret' in value) {
          keys.add(value.secret);
        }
      }
      for (const f of svc.secretFiles ?? []) {
        keys.add(f.key);
      }
    }
    return [...keys];
  }

  /** Public host name of a route host label, or of the stack itself. */
  public host(label?: string): string {
    const stackHost = `${this.spec.name}.${this.profile.domain}`;
    return label === undefined ? stackHost : `${label}.${stackHost}`;
  }

  /** Public URL of a route host label: the scheme follows the profile's TLS. */
  public publicUrl(label: string, path = ''): string {
    const scheme = this.profile.tls === undefined ? 'http' : 'https';
    return `${scheme}://${this.host(label === '' ? undefined : label)}${path}`;
  }

  /** The image reference of a service in this profile. */
  public image(svc: ServiceSpec): string {
    return typeof svc.image === 'string'
      ? svc.image
      : `${this.profile.registry}/${this.spec.name}-${svc.image.build}:${this.profile.imageTag}`;
  }
}

/** Props of the constructs that cover a whole stack (secrets, network policies). */
export interface StackConstructProps {
  /** The stack and profile. */
  readonly context: StackContext;
}

/** Props of every construct that turns one service of the spec into objects. */
export interface ServiceConstructProps<T extends ServiceSpec> {
  /** The service as the stack spec declares it. */
  readonly spec: T;
  /** The stack and profile it belongs to. */
  readonly context: StackContext;
  /** The stack's volume claims by name, for the spec's `volumes` and `mounts`. */
  readonly claims: ReadonlyMap<string, IPersistentVolumeClaim>;
}
