import { StackSpec } from '../lib/spec/types';
import { ENABLEDRM } from './enabledrm';
import { LOC8 } from './loc8';
import { P2P_SANDBOX } from './p2p-sandbox';
import { PROJECT_MANAGEMENT } from './project-management';
import { TASK_APP } from './task-app';

/** Every stack, in seed order. */
export const STACKS: readonly StackSpec[] = [PROJECT_MANAGEMENT, LOC8, ENABLEDRM, TASK_APP, P2P_SANDBOX];
