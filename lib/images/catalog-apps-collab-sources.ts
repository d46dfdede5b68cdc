/**
 * The files the apps-collab group's facts were read from, at pinned commits:
 * the catalog entries and their pod expectations cite lines of these.
 */

export const GITEA = 'https://github.com/go-gitea/gitea/blob/5939e0590b6fc157e17f3e8928b721c2e63f0530/Dockerfile';
export const GITEA_ENTRYPOINT = 'https://github.com/go-gitea/gitea/blob/2c52a89da0df4255e3a4875fbc937e23945cfa72/docker/root/usr/bin/entrypoint';
export const GITEA_S6_RUN = 'https://github.com/go-gitea/gitea/blob/1034070cbfd64aab2557537ad8af04d0577d5d3a/docker/root/etc/s6/gitea/run';
export const GITEA_S6_SETUP = 'https://github.com/go-gitea/gitea/blob/1372c110e0a5d9f1091e451fec7176c479dd9cbb/docker/root/etc/s6/gitea/setup';
export const GITEA_ROOTLESS = 'https://github.com/go-gitea/gitea/blob/023ef493211f44ec0d93485e677a7ca5330f2e0c/Dockerfile.rootless';
export const GITEA_ROOTLESS_ENTRYPOINT = 'https://github.com/go-gitea/gitea/blob/0177e0f36e484ac706bab5d2b3c38f7d20d78130/docker/rootless/usr/local/bin/docker-entrypoint.sh';
export const GITEA_ROOTLESS_SETUP = 'https://github.com/go-gitea/gitea/blob/0fd39aebf01a99573c9d1c040f5a8c1dfb8641d0/docker/rootless/usr/local/bin/docker-setup.sh';

export const VAULTWARDEN = 'https://github.com/dani-garcia/vaultwarden/blob/025bb90f8f7d4f84e8e78d14be7314ac2ab3a2fc/docker/Dockerfile.debian';
export const VAULTWARDEN_START = 'https://github.com/dani-garcia/vaultwarden/blob/fefa55cad4dac02ee4f272b1740a69fc3c86d2a2/docker/start.sh';
export const VAULTWARDEN_HEALTHCHECK = 'https://github.com/dani-garcia/vaultwarden/blob/4438da39f9c9aa9d83d1dddbf06616ad287f70eb/docker/healthcheck.sh';

export const N8N = 'https://github.com/n8n-io/n8n/blob/003abfdc4f53791ebe60fd579af8de28a2a782a6/docker/images/n8n/Dockerfile';
export const N8N_0 = 'https://github.com/n8n-io/n8n/blob/b3bdd4cdbdd8e30960b75c866414a3086569cf80/docker/images/n8n/Dockerfile';
export const N8N_0_ENTRYPOINT = 'https://github.com/n8n-io/n8n/blob/b1068f24d774fce8ff14593c202317307da601ae/docker/images/n8n/docker-entrypoint.sh';

export const NEXTCLOUD_APACHE = 'https://github.com/nextcloud/docker/blob/a13ea92ba86df723ec48f680911f1fff68ed67bc/31/apache/Dockerfile';
export const NEXTCLOUD_FPM_ALPINE = 'https://github.com/nextcloud/docker/blob/e43d9414b188b82e6651ade4152a673d2a67fbb6/31/fpm-alpine/Dockerfile';
export const NEXTCLOUD_ENTRYPOINT = 'https://github.com/nextcloud/docker/blob/2ac1cee212e4bc883effedc5f2146b95d35c4bc2/31/apache/entrypoint.sh';
export const PHP_APACHE = 'https://github.com/docker-library/php/blob/910674b44ecb630c9831d3bdf4f82aa2adb6bfe5/8.3/bookworm/apache/Dockerfile';
export const PHP_FPM = 'https://github.com/docker-library/php/blob/092d7bdebba2a4e204a349280e54a59f78cfc327/8.3/bookworm/fpm/Dockerfile';
export const PHP_FPM_ALPINE = 'https://github.com/docker-library/php/blob/26be3b1e73b760db9feb3398af30091f948e805d/8.3/alpine3.21/fpm/Dockerfile';

export const GHOST = 'https://github.com/docker-library/ghost/blob/eb0a79afcffa7ccb73293d2d12b628339034027a/6/bookworm/Dockerfile';
export const GHOST_ENTRYPOINT = 'https://github.com/docker-library/ghost/blob/20c6047d2f1e634723fc851b2738f03483e27ef2/6/bookworm/docker-entrypoint.sh';
export const GHOST_UPLOAD = 'https://github.com/TryGhost/Ghost/blob/016ed55e135adbe6ba9a9b96d9d6fa051c7fc5ec/ghost/core/core/server/web/api/middleware/upload.js';

export const MATTERMOST = 'https://github.com/mattermost/mattermost/blob/83ca2bfd2388fca44e286ddcac01e5ff66cb54a3/server/build/Dockerfile';
export const MATTERMOST_ENTRYPOINT = 'https://github.com/mattermost/mattermost/blob/8e0ea26bdc23bd91daed20d95549b6c80235bd9e/server/build/entrypoint.sh';

export const OUTLINE = 'https://github.com/outline/outline/blob/1389f1b4e99c7ab0671017ad7f7fccff0e64c2dc/Dockerfile';

export const UMAMI = 'https://github.com/umami-software/umami/blob/047aad1283c0523343e08497f279e9237de340df/Dockerfile';
export const UMAMI_PACKAGE = 'https://github.com/umami-software/umami/blob/047aad1283c0523343e08497f279e9237de340df/package.json';
export const UMAMI_UPDATE_TRACKER = 'https://github.com/umami-software/umami/blob/43a278c2074b798c6c926327349e5ccfefbd5869/scripts/update-tracker.js';

export const PLAUSIBLE = 'https://github.com/plausible/analytics/blob/30fd01db00041cd58bb5313e3e18c9da32459bcf/Dockerfile';
export const PLAUSIBLE_ENTRYPOINT = 'https://github.com/plausible/analytics/blob/cc9bb274581fbc691afa1167296de6c79087fd05/rel/docker-entrypoint.sh';

export const METABASE = 'https://github.com/metabase/metabase/blob/086e4ab654ecf45484244d6515f220927e532bba/bin/docker/Dockerfile';
export const METABASE_RUN = 'https://github.com/metabase/metabase/blob/0024b89173d0c1f3ab97e447b04594db950defe8/bin/docker/run_metabase.sh';
