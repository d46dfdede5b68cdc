import { Construct } from 'constructs';
import {
  ExternalSecret,
  ExternalSecretSpecSecretStoreRefKind,
  ExternalSecretSpecTargetCreationPolicy,
  ExternalSecretSpecTargetDeletionPolicy,
} from '../../imports/external-secrets.io';
import { StackConstructProps } from './context';
import { labels } from './labels';

/** The remote key a stack's secret value is read from in the external store. */
function remoteKey(stack: string, key: string): string {
  return `${stack}/${key}`;
}

/**
 * The stack's Secret, as far as dist/ may hold it: nothing but a reference.
 *
 * Where the profile names a secret store, creates an ExternalSecret
 * (external-secrets.io/v1) that fills `<stack>-secrets` with every key the
 * stack's services read, each from remote key `<stack>/<key>`. Otherwise
 * creates nothing: `npm run local:secrets -- <stack>` makes the Secret in the
 * cluster with random values. No secret value is ever synthesized.
 */
export class StackSecrets extends Construct {
  public readonly externalSecret?: ExternalSecret;

  constructor(scope: Construct, id: string, props: StackConstructProps) {
    super(scope, id);
    const { context } = props;
    const store = context.profile.secretStore;
    const keys = context.secretKeys();
    if (store === undefined || keys.length === 0) {
      return;
    }
    this.externalSecret = new ExternalSecret(this, 'ExternalSecret', {
      metadata: { name: context.secretName, labels: labels(context.spec.name, context.secretName, 'secrets') },
      spec: {
        refreshInterval: '1h',
        secretStoreRef: {
          kind: store.kind === 'ClusterSecretStore' ? ExternalSecretSpecSecretStoreRefKind.CLUSTER_SECRET_STORE : ExternalSecretSpecSecretStoreRefKind.SECRET_STORE,
          name: store.name,
        },
        target: {
          name: context.secretName,
          creationPolicy: ExternalSecretSpecTargetCreationPolicy.OWNER,
          // Keep the last values if the remote key disappears: running pods still need them.
          deletionPolicy: ExternalSecretSpecTargetDeletionPolicy.RETAIN,
        },
        data: keys.map(key => ({ secretKey: key, remoteRef: { key: remoteKey(context.spec.name, key) } })),
      },
    });
  }
}
