/** Every pod expectation of the catalog's images. */
import { DATA_SERVICES_PODS } from './data-services';
import { ExpectedPod } from './types';
import { WEB_PODS } from './web';

export const EXPECTED_PODS: readonly ExpectedPod[] = [...DATA_SERVICES_PODS, ...WEB_PODS];
