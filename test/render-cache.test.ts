/** renderAll() reads back what the first test file rendered for this build: the copy must equal a fresh render, object for object and file for file. */
import { STACKS } from '../charts';
import { ENVIRONMENTS } from '../environments';
import { render } from '../lib/synth';
import { renderAll, savedRendering } from './util';

test('the rendering read back equals a fresh render of every stack in every environment', () => {
  renderAll();
  const saved = savedRendering()!;
  const fresh = render({ stacks: STACKS, profiles: ENVIRONMENTS });
  expect(saved.map(r => `${r.environment}/${r.stack}`)).toEqual(fresh.map(r => `${r.environment}/${r.stack}`));
  expect(saved.map(r => r.objects)).toStrictEqual(fresh.map(r => r.objects));
  expect(saved.map(r => [...r.files])).toEqual(fresh.map(r => [...r.files]));
});
