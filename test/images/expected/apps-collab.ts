/**
 * What the pods of the apps-collab group's images must get, written from
 * their Dockerfiles and entrypoints (the lines in `from`).
 */
import {
  GHOST, GHOST_ENTRYPOINT, GHOST_UPLOAD, GITEA, GITEA_ROOTLESS, GITEA_ROOTLESS_SETUP, MATTERMOST, N8N, N8N_0_ENTRYPOINT, NEXTCLOUD_APACHE, NEXTCLOUD_ENTRYPOINT,
  METABASE, METABASE_RUN, OUTLINE, PHP_APACHE, PLAUSIBLE, PHP_FPM, PHP_FPM_ALPINE, UMAMI, UMAMI_PACKAGE, UMAMI_UPDATE_TRACKER,
  VAULTWARDEN, VAULTWARDEN_HEALTHCHECK, VAULTWARDEN_START,
} from '../../../lib/images/catalog-apps-collab-sources';
import { ExpectedPod } from './types';

export const APPS_COLLAB_PODS: readonly ExpectedPod[] = [
  {
    // adduser -u 1000 -G git (group 1000); VOLUME /data; EXPOSE 22 3000.
    image: 'gitea/gitea:1.22.3',
    from: [`${GITEA}#L63-L72`, `${GITEA}#L47`, `${GITEA}#L78`],
    uid: 1000, gid: 1000,
    writable: ['/data'],
    dataPath: '/data',
    probe: 'TCP 3000',
  },
  {
    // USER 1000:1000; VOLUMEs /var/lib/gitea and /etc/gitea; GITEA_TEMP /tmp/gitea, made by docker-setup.sh.
    image: 'gitea/gitea:1.22.3-rootless',
    from: [`${GITEA_ROOTLESS}#L62`, `${GITEA_ROOTLESS}#L29`, `${GITEA_ROOTLESS}#L65-L71`, `${GITEA_ROOTLESS_SETUP}#L10-L20`],
    uid: 1000, gid: 1000,
    writable: ['/var/lib/gitea', '/etc/gitea', '/tmp'],
    dataPath: '/var/lib/gitea',
    probe: 'TCP 3000',
  },
  {
    // No USER; ROCKET_PORT 80; VOLUME /data; HEALTHCHECK /healthcheck.sh (curl, installed).
    image: 'vaultwarden/server:1.32.7',
    from: [`${VAULTWARDEN}#L169-L202`, `${VAULTWARDEN_HEALTHCHECK}#L5`, `${VAULTWARDEN_START}#L29-L36`],
    uid: 65534, gid: 65534,
    writable: ['/data'],
    dataPath: '/data',
    probe: '/healthcheck.sh',
  },
  {
    // The entrypoint runs n8n as node (su-exec) with /home/node chowned to it.
    image: 'n8nio/n8n:0.236.3',
    from: [`${N8N_0_ENTRYPOINT}#L3-L19`, `${N8N}#L109`],
    uid: 1000, gid: 1000,
    writable: ['/home/node/.n8n'],
    dataPath: '/home/node/.n8n',
    probe: 'TCP 5678',
  },
  {
    // USER node; mkdir /home/node/.n8n owned by node; EXPOSE 5678.
    image: 'n8nio/n8n:1.70.3',
    from: [`${N8N}#L104-L105`, `${N8N}#L109-L110`],
    uid: 1000, gid: 1000,
    writable: ['/home/node/.n8n'],
    dataPath: '/home/node/.n8n',
    probe: 'TCP 5678',
  },
  {
    // www-data (Debian 33) owns /var/www; Apache's run and lock directories 1777; upgrades write /tmp; EXPOSE 80.
    image: 'nextcloud:31.0.1-apache',
    from: [`${NEXTCLOUD_APACHE}#L148-L151`, `${PHP_APACHE}#L67-L81`, `${PHP_APACHE}#L289`, `${NEXTCLOUD_ENTRYPOINT}#L181-L189`],
    uid: 33, gid: 33,
    writable: ['/var/www/html', '/var/run/apache2', '/var/lock/apache2', '/tmp'],
    dataPath: '/var/www/html',
    probe: 'TCP 80',
  },
  {
    // php-fpm listens on 9000 (zz-docker.conf), logs to stderr; www-data 33.
    image: 'nextcloud:31.0.1-fpm',
    from: [`${PHP_FPM}#L45-L49`, `${PHP_FPM}#L242-L264`, `${PHP_FPM}#L275`, `${NEXTCLOUD_ENTRYPOINT}#L105-L107`],
    uid: 33, gid: 33,
    writable: ['/var/www/html', '/tmp'],
    dataPath: '/var/www/html',
    probe: 'TCP 9000',
  },
  {
    // adduser -u 82 www-data (group 82, Alpine's standard).
    image: 'nextcloud:31.0.1-fpm-alpine',
    from: [`${PHP_FPM_ALPINE}#L30-L33`, `${PHP_FPM}#L275`],
    uid: 82, gid: 82,
    writable: ['/var/www/html', '/tmp'],
    dataPath: '/var/www/html',
    probe: 'TCP 9000',
  },
  {
    // node (1000) owns /var/lib/ghost; the entrypoint chowns and gosus only as root; content VOLUME 1777; port 2368.
    image: 'ghost:5.105.0',
    from: [`${GHOST}#L7`, `${GHOST}#L54`, `${GHOST}#L72-L75`, `${GHOST}#L92`, `${GHOST}#L97`, `${GHOST_ENTRYPOINT}#L4-L20`, `${GHOST_UPLOAD}#L46`],
    uid: 1000, gid: 1000,
    writable: ['/var/lib/ghost/content', '/tmp'],
    dataPath: '/var/lib/ghost/content',
    probe: 'TCP 2368',
  },
  {
    image: 'ghost:6.7.0-alpine',
    from: [`${GHOST}#L54`, `${GHOST_ENTRYPOINT}#L4-L8`, `${GHOST_UPLOAD}#L46`],
    uid: 1000, gid: 1000,
    writable: ['/var/lib/ghost/content', '/tmp'],
    dataPath: '/var/lib/ghost/content',
    probe: 'TCP 2368',
  },
  {
    // PUID/PGID 2000, USER mattermost; five VOLUMEs it owns; HEALTHCHECK curls /api/v4/system/ping on 8065.
    image: 'mattermost/mattermost-team-edition:10.5.1',
    from: [`${MATTERMOST}#L9-L10`, `${MATTERMOST}#L26-L34`, `${MATTERMOST}#L37-L38`, `${MATTERMOST}#L46-L49`],
    uid: 2000, gid: 2000,
    writable: ['/mattermost/data', '/mattermost/logs', '/mattermost/config', '/mattermost/plugins', '/mattermost/client/plugins'],
    dataPath: '/mattermost/data',
    probe: 'GET /api/v4/system/ping :8065',
  },
  {
    image: 'mattermost/mattermost-enterprise-edition:9.11.6',
    from: [`${MATTERMOST}#L26-L34`, `${MATTERMOST}#L49`],
    uid: 2000, gid: 2000,
    writable: ['/mattermost/data', '/mattermost/logs', '/mattermost/config', '/mattermost/plugins', '/mattermost/client/plugins'],
    dataPath: '/mattermost/data',
    probe: 'GET /api/v4/system/ping :8065',
  },
  {
    // addgroup --gid 1001 nodejs, adduser --uid 1001; USER nodejs; VOLUME /var/lib/outline/data; EXPOSE 3000.
    image: 'outlinewiki/outline:0.82.0',
    from: [`${OUTLINE}#L24-L25`, `${OUTLINE}#L30-L39`],
    uid: 1001, gid: 1001,
    writable: ['/var/lib/outline/data'],
    dataPath: '/var/lib/outline/data',
    probe: 'TCP 3000',
  },
  {
    // adduser --uid 1001 nextjs, files nextjs:nodejs (1001); USER nextjs; EXPOSE 3000; start-docker writes
    // public/script.js only with COLLECT_API_ENDPOINT.
    image: 'ghcr.io/umami-software/umami:postgresql-v2.14.0',
    from: [`${UMAMI}#L35-L36`, `${UMAMI}#L42`, `${UMAMI}#L52-L57`, `${UMAMI_PACKAGE}#L17`, `${UMAMI_UPDATE_TRACKER}#L8-L13`],
    uid: 1001, gid: 1001,
    writable: [],
    probe: 'TCP 3000',
  },
  {
    // adduser -S -u 999 -G nogroup (Alpine's nogroup: 65533); USER 999; VOLUME /var/lib/plausible; EXPOSE 8000.
    image: 'ghcr.io/plausible/community-edition:v2.1.4',
    from: [`${PLAUSIBLE}#L66`, `${PLAUSIBLE}#L77-L85`],
    uid: 999, gid: 65533,
    writable: ['/var/lib/plausible'],
    dataPath: '/var/lib/plausible',
    probe: 'TCP 8000',
  },
  {
    // MUID/MGID 2000; the H2 database in /metabase.db (MB_DB_FILE); /plugins a+rwx; EXPOSE 3000.
    image: 'metabase/metabase:v0.52.4',
    from: [`${METABASE_RUN}#L32-L33`, `${METABASE_RUN}#L51`, `${METABASE_RUN}#L90-L107`, `${METABASE}#L12`, `${METABASE}#L18`],
    uid: 2000, gid: 2000,
    writable: ['/metabase.db', '/plugins'],
    dataPath: '/metabase.db',
    probe: 'TCP 3000',
    env: { MB_DB_FILE: '/metabase.db/metabase.db' },
  },
];
