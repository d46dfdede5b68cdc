/** The committed stacks against the Kubernetes schemas, and the schema checker itself. */
import { check, loadDefinitions, present, schemaSweep, VERSIONS } from './sweeps/schema';
import { renderAll } from './util';

schemaSweep(renderAll());

test('the validator catches an unknown field, a missing required field and a wrong type', () => {
  if (!present) {
    return;
  }
  const defs = loadDefinitions(VERSIONS[0]);
  const schema = defs['io.k8s.api.apps.v1.Deployment'];
  const bad = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { replicas: '2', template: {}, bogus: 1 } };
  expect(check(bad, schema, defs, 'd')).toEqual(['d.spec.selector: required field is missing', 'd.spec.replicas: must be an integer, got "2"', 'd.spec.bogus: unknown field']);
});
