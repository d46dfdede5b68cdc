/** Sweeps every synthesized object of every stack in every environment. */
import { STACKS } from '../charts';
import { invariantSweep } from './sweeps/invariants';
import { renderAll } from './util';

/** Seed credentials that must never appear in dist/. */
const SEED_CREDENTIALS = ['pm_password', 'your_secure_password_here', 'devpassword123', 'dev_password', 'dev-secret-key', 'dev-jwt-secret',
  'your-api-key-here', 'postgres:postgres@', 'admin:password@', 'secure_password', 'your_redis_password_here'];

invariantSweep(renderAll(), STACKS, SEED_CREDENTIALS);
