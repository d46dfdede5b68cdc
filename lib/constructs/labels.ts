/** The recommended `app.kubernetes.io/*` labels of one object. */
export function labels(stack: string, name: string, component: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/instance': `${stack}-${name}`,
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/part-of': stack,
    'app.kubernetes.io/managed-by': 'stackport',
  };
}

/** The label pair that NetworkPolicies and PDBs use to select one service's pods. */
export function selectorLabels(name: string): Record<string, string> {
  return { 'app.kubernetes.io/name': name };
}
