/** Every `stackport`, `npm` and `npx` command of the documentation has a check (readme-commands.integration.test.ts runs them) or an exemption with a reason. */
import { CHECKS, docCommands } from './readme-commands';

test('the documentation lists only commands this test checks or exempts, with a reason', () => {
  const found = docCommands('.');
  const commands = [...found.keys()];
  expect(commands.filter(c => CHECKS[c] === undefined).map(c => `${found.get(c)}: ${c}`)).toEqual([]);
  expect(Object.keys(CHECKS).filter(c => !commands.includes(c))).toEqual([]);
});
