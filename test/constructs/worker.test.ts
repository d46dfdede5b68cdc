import { APP_USER } from '../../lib/catalog';
import { WorkerSpec } from '../../lib/spec/types';
import { all, find, PRODUCTION, synthServices } from '../util';

const worker = (overrides: Partial<WorkerSpec> = {}): WorkerSpec => ({ kind: 'worker', name: 'beat', image: 'python:3.11.9-slim', user: APP_USER, ...overrides });

describe('Worker', () => {
  test('creates a Deployment and no Service', () => {
    const objects = synthServices([worker()]);
    expect(find(objects, 'Deployment', 'beat').spec.replicas).toBe(1);
    expect(all(objects, 'Service')).toEqual([]);
  });

  test('runs a singleton as one replica that stops before its successor starts', () => {
    const d = find(synthServices([worker({ singleton: true })]), 'Deployment', 'beat');
    expect(d.spec.replicas).toBe(1);
    expect(d.spec.strategy).toEqual({ type: 'Recreate' });
  });

  test('scales between HPA bounds in production', () => {
    const objects = synthServices([worker({ name: 'celery', scaling: { minReplicas: 2, maxReplicas: 8, cpuUtilization: 75 } })]);
    expect(find(objects, 'HorizontalPodAutoscaler', 'celery').spec).toMatchObject({ minReplicas: 2, maxReplicas: 8 });
    expect(find(objects, 'PodDisruptionBudget', 'celery').spec.maxUnavailable).toBe(1);
  });

  test('refuses a singleton that also scales', () => {
    expect(() => synthServices([worker({ singleton: true, scaling: { replicas: 2 } })])).toThrow(
      "1 problem found:\n- stack 'shop', service 'beat': set either 'singleton' or 'scaling', not both; a singleton runs exactly one replica");
  });

  test('sets the termination grace period from the spec', () => {
    const d = find(synthServices([worker({ shutdownSeconds: 120 })], PRODUCTION), 'Deployment', 'beat');
    expect(d.spec.template.spec.terminationGracePeriodSeconds).toBe(120);
  });
});
