/** Every `stackport`, `npm` and `npx` command of README.md has a check (readme-commands.integration.test.ts runs them) or an exemption with a reason. */
import * as fs from 'fs';
import { CHECKS, readmeCommands } from './readme-commands';

test('the README lists only commands this test checks or exempts, with a reason', () => {
  const commands = readmeCommands(fs.readFileSync('README.md', 'utf8'));
  expect(commands.filter(c => CHECKS[c] === undefined)).toEqual([]);
  expect(Object.keys(CHECKS).filter(c => !commands.includes(c))).toEqual([]);
});
