/** Sweeps every synthesized object of every stack in every environment. */
import { STACKS } from '../charts';
import { ENVIRONMENTS } from '../environments';
import { render } from '../lib/synth';
import { invariantSweep, optionsOnSweep, SEED_CREDENTIALS } from './sweeps/invariants';
import { renderAll } from './util';

const rendered = renderAll();

invariantSweep(rendered, STACKS, SEED_CREDENTIALS);

/** Every stack in every environment with every option on, so optional services are swept too. */
const allOn = render({
  stacks: STACKS, profiles: ENVIRONMENTS,
  options: Object.fromEntries(STACKS.map(s => [s.name, Object.fromEntries(Object.keys(s.options ?? {}).map(o => [o, true]))])),
});
optionsOnSweep(allOn);
