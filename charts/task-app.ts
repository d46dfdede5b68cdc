/**
 * Task management app: ../shared/seeds/003_b4e815f4e0819809.txt
 * (docker-compose.yml with db, backend, frontend).
 *
 * Deliberate deviations:
 * - The seed publishes the backend on host port 5000 and the browser calls it
 *   there (NEXT_PUBLIC_API_URL=http://localhost:5000/api). Here the backend
 *   gets its own host, api.<stack host>, and the frontend is pointed at it;
 *   CORS_ORIGINS names the frontend's public URL.
 * - Passwords and keys that the compose file wrote inline come from the Secret.
 * - NEXT_PUBLIC_API_URL is compiled into the Next.js bundle when the image is
 *   built (the seed's build arg): the CI builds one frontend image per
 *   environment with the value in docs/stacks.md's build-argument table; the
 *   ConfigMap value reaches only server-side code.
 * - The seed's "implement rate limiting on the backend API" is a
 *   recommendation without numbers: no limit is set; add `rateLimit` to the
 *   `api` route when you pick one.
 * - The database's host port 5432 (psql, pgAdmin) is not published: use
 *   `kubectl -n task-app port-forward svc/db 5432`.
 * - The seed names the backend's user (appuser) but not its UID, which
 *   Kubernetes needs as a number: it runs as 10001 (`APP_USER`, which the
 *   docs/security.md asks built images to create). Check with `docker run --rm <backend
 *   image> id -u`; if appuser has another UID, set `user` to it. Any UID
 *   works as long as it can read /app: gunicorn writes only to /tmp, an
 *   emptyDir. The frontend's 1001 is the nextjs user of Next.js's own
 *   Dockerfile.
 * - The frontend's check is the seed's: node GETs its own /api/health, a
 *   route of the Next.js app itself (the seed's answer names
 *   task-management-frontend and its uptime, nothing of the backend). It
 *   is readiness and liveness: a frontend that stops answering it is
 *   restarted, and a backend outage does not touch it. If your /api/health
 *   does call the backend, set `liveness: 'process'`.
 */
import { APP_USER, postgres, postgresUrl } from '../lib/catalog';
import { StackSpec } from '../lib/spec/types';

export const TASK_APP: StackSpec = {
  name: 'task-app',
  source: '003_b4e815f4e0819809.txt',
  description: 'Next.js frontend, Flask backend on gunicorn, PostgreSQL; start order db -> backend -> frontend on health',
  secrets: [
    { key: 'postgres-password', description: 'password of PostgreSQL user taskapp_user' },
    { key: 'secret-key', description: 'backend SECRET_KEY', generate: 'hex32' },
    { key: 'jwt-secret-key', description: 'backend JWT_SECRET_KEY', generate: 'hex32' },
  ],
  routes: [
    { name: 'web', path: '/', service: 'frontend' },
    { name: 'api', host: 'api', path: '/api', service: 'backend' },
  ],
  services: [
    postgres({ name: 'db', flavour: 'alpine', database: 'taskmanagement_db', user: 'taskapp_user', passwordKey: 'postgres-password' }),
    {
      kind: 'web',
      name: 'backend',
      image: { build: 'backend' },
      ports: [{ name: 'http', port: 5000 }],
      env: {
        POSTGRES_PASSWORD: { secret: 'postgres-password' },
        DATABASE_URL: { expand: postgresUrl('taskapp_user', 'db', 'taskmanagement_db') },
        SECRET_KEY: { secret: 'secret-key' },
        JWT_SECRET_KEY: { secret: 'jwt-secret-key' },
        CORS_ORIGINS: { publicUrl: '' },
      },
      dependsOn: [{ service: 'db', condition: 'healthy' }],
      user: APP_USER,
      writablePaths: ['/tmp'],
      healthcheck: { test: { httpGet: '/api/health' }, intervalSeconds: 30, timeoutSeconds: 10, retries: 3, startPeriodSeconds: 40 },
      resources: { cpu: '250m', memory: '256Mi' },
    },
    {
      kind: 'web',
      name: 'frontend',
      image: { build: 'frontend' },
      ports: [{ name: 'http', port: 3000 }],
      env: {
        NEXT_PUBLIC_API_URL: { publicUrl: 'api', path: '/api' },
        NODE_ENV: 'production',
      },
      dependsOn: [{ service: 'backend', condition: 'healthy' }],
      // The nextjs user of the Next.js standalone image.
      user: { uid: 1001, gid: 1001 },
      writablePaths: ['/tmp', '/app/.next/cache'],
      healthcheck: {
        test: { exec: ['node', '-e', "require('http').get('http://localhost:3000/api/health', (res) => { process.exit(res.statusCode === 200 ? 0 : 1) })"] },
        intervalSeconds: 30,
        timeoutSeconds: 10,
        retries: 3,
        startPeriodSeconds: 30,
        // /api/health is the frontend's own route (header): liveness too.
      },
      resources: { cpu: '100m', memory: '256Mi' },
    },
  ],
};
