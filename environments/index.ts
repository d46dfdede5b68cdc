import { Profile } from '../lib/profiles/profile';
import { AKS } from './aks';
import { GKE } from './gke';
import { LOCAL } from './local';
import { PRODUCTION } from './production';
import { PRODUCTION_GATEWAY, PRODUCTION_SHARED_GATEWAY } from './production-gateway';

/** Every environment `--env NAME` can name. */
export const ENVIRONMENTS: readonly Profile[] = [LOCAL, PRODUCTION, PRODUCTION_GATEWAY, PRODUCTION_SHARED_GATEWAY, GKE, AKS];

/** What a synth without `--env` renders, and so what the committed dist/ holds; the others are synthesized on demand. */
export const DEFAULT_ENVIRONMENTS: readonly Profile[] = [LOCAL, PRODUCTION, PRODUCTION_GATEWAY];
