/**
 * Times the compose import of a generated 50-service file (after compile):
 * `npm run build && node build/scripts/bench-import.js`. Prints the median of 10 runs.
 * `node build/scripts/bench-import.js FILE` only writes the generated compose file to FILE.
 * Not a test: docs/performance.md quotes the figure.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { convert } from '../lib/compose/import';

const SERVICES = 50;

/** A compose file of `n` services: databases, caches, HTTP services with health checks, workers and a migration. */
function composeFile(n: number): string {
  const lines = ['services:'];
  for (let i = 0; i < n; i++) {
    const kind = i % 5;
    lines.push(`  svc-${i}:`);
    if (kind === 0) {
      lines.push('    image: postgres:16.4-alpine', `    environment: { POSTGRES_PASSWORD: "\${PW_${i}:-bench-pass-${i}}" }`, `    volumes: ["data-${i}:/var/lib/postgresql/data"]`);
    } else if (kind === 1) {
      lines.push('    image: redis:7.4.1-alpine', '    command: redis-server --appendonly yes');
    } else if (kind === 2) {
      lines.push(`    image: ghcr.io/example/api-${i}:1.0.0`, `    ports: ["${8000 + i}:8080"]`,
        `    environment: { DATABASE_URL: "postgres://app:bench-pass-${i - 2}@svc-${i - 2}:5432/app", MODE: production }`,
        `    depends_on: { svc-${i - 2}: { condition: service_healthy } }`,
        '    healthcheck: { test: [CMD, curl, -f, "http://localhost:8080/health"], interval: 10s, timeout: 3s, retries: 3 }');
    } else if (kind === 3) {
      lines.push(`    image: ghcr.io/example/worker-${i}:1.0.0`, `    command: ["work", "--queue", "q${i}"]`, `    depends_on: [svc-${i - 2}]`,
        '    deploy: { replicas: 2, resources: { limits: { cpus: "0.5", memory: 256M } } }');
    } else {
      lines.push(`    build: { context: ./svc-${i}, target: runtime }`, '    restart: "no"', `    command: migrate up`);
    }
  }
  lines.push('volumes:', ...Array.from({ length: n }, (_, i) => i).filter(i => i % 5 === 0).map(i => `  data-${i}:`));
  return `${lines.join('\n')}\n`;
}

const only = process.argv[2];
if (only !== undefined) {
  fs.writeFileSync(only, composeFile(SERVICES));
  process.exit(0);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stackport-bench-'));
fs.writeFileSync(path.join(dir, 'docker-compose.yml'), composeFile(SERVICES));
const times: number[] = [];
let services = 0;
for (let run = 0; run < 10; run++) {
  const start = performance.now();
  services = convert({ files: ['docker-compose.yml'], name: 'bench', cwd: dir }).spec.services.length;
  times.push(performance.now() - start);
}
fs.rmSync(dir, { recursive: true, force: true });
times.sort((a, b) => a - b);
console.log(`bench-import: ${services} services, median of 10 runs ${times[5].toFixed(1)} ms, slowest ${times[9].toFixed(1)} ms (the first, with warm-up)`);
