/**
 * Runs `importCompose` in a child process and kills itself with SIGKILL just
 * before file operation number `killAt` in charts/ (test/import/transaction.integration.test.ts).
 * Arguments: <project root> <compose folder> <stack name> <killAt> [force]; prints the steps it reached.
 */
import { importCompose } from '../../lib/compose/import';

const [root, cwd, name, killAt, force] = process.argv.slice(2);
const steps: string[] = [];
importCompose({
  files: ['docker-compose.yml'], name, root, cwd, force: force === 'force',
  beforeStep: step => {
    if (steps.length === Number(killAt)) {
      process.kill(process.pid, 'SIGKILL');
    }
    steps.push(step);
  },
});
process.stdout.write(JSON.stringify(steps));
