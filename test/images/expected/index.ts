/** Every pod expectation of the catalog's images. */
import { APPS_COLLAB_PODS } from './apps-collab';
import { APPS_HOME_PODS } from './apps-home';
import { DATABASES_PODS } from './databases';
import { DATA_SERVICES_PODS } from './data-services';
import { ExpectedPod } from './types';
import { WEB_PODS } from './web';

export const EXPECTED_PODS: readonly ExpectedPod[] = [...DATABASES_PODS, ...DATA_SERVICES_PODS, ...WEB_PODS, ...APPS_COLLAB_PODS, ...APPS_HOME_PODS];
