/**
 * Verified catalog entries of self-hosted collaboration applications: gitea
 * (its s6 image and its -rootless tags), vaultwarden, n8n, nextcloud (apache
 * and fpm), ghost, mattermost, outline, plausible, umami and metabase. Every fact cites the
 * Dockerfile, entrypoint or script line it was read from (apps-collab-sources.ts).
 */
import { CatalogEntry } from './types';
import {
  GHOST, GHOST_ENTRYPOINT, GHOST_UPLOAD, GITEA, GITEA_ENTRYPOINT, GITEA_ROOTLESS, GITEA_ROOTLESS_ENTRYPOINT, GITEA_ROOTLESS_SETUP, GITEA_S6_RUN, GITEA_S6_SETUP,
  MATTERMOST, MATTERMOST_ENTRYPOINT, METABASE, METABASE_RUN, N8N, N8N_0, N8N_0_ENTRYPOINT, NEXTCLOUD_APACHE, NEXTCLOUD_ENTRYPOINT, NEXTCLOUD_FPM_ALPINE, OUTLINE,
  PHP_APACHE, PLAUSIBLE, PLAUSIBLE_ENTRYPOINT, PHP_FPM, PHP_FPM_ALPINE, UMAMI, VAULTWARDEN, VAULTWARDEN_HEALTHCHECK,
} from './catalog-apps-collab-sources';
import { tcpCheck } from './catalog-checks';

const GIT_USER = { uid: 1000, gid: 1000 } as const;
const WWW_DATA = { uid: 33, gid: 33 } as const;

/**
 * With REDIS_HOST set, nextcloud's entrypoint (set -eu) writes the redis session settings into
 * /usr/local/etc/php/conf.d, a root-owned directory beside the extensions' ini files (so no emptyDir can
 * take it), and exits when it cannot: as www-data, or on a read-only root.
 */
const NEXTCLOUD_REDIS_SESSION = {
  does: 'with REDIS_HOST set, its entrypoint (set -eu) writes /usr/local/etc/php/conf.d/redis-session.ini, in a directory only root may write, and exits when it cannot',
  nonRoot: 'run it as www-data without REDIS_HOST (configure redis in a config/*.config.php on the volume); without REDIS_HOST its entrypoint starts as any user',
  when: ['REDIS_HOST'],
} as const;

/** The apps-collab group's entries. */
export const APPS_COLLAB: readonly CatalogEntry[] = [
  {
    // The s6 image: /usr/bin/entrypoint may rename the git user in /etc/passwd (USER, USER_UID, USER_GID), then
    // s6-svscan runs sshd and gitea; gitea's run script chowns /data/gitea, /app/gitea and /data/git to the user
    // and drops to it with su-exec, which fails unless started as root. s6-svscan keeps its supervise state in
    // the service directories under /etc/s6, in the image's root filesystem. Gitea's own registry names the same
    // image docker.gitea.com/gitea (repository `gitea`).
    repositories: ['gitea/gitea', 'gitea'],
    user: GIT_USER,
    users: { git: GIT_USER },
    ports: [
      { name: 'http', port: 3000, http: true },
      { name: 'ssh', port: 22, http: false },
    ],
    dataPath: '/data',
    writablePaths: [],
    writableRootReason: 's6-svscan keeps its supervise state in the service directories under /etc/s6, and the entrypoint renames the git user in /etc/passwd when USER differs',
    healthcheck: tcpCheck(3000),
    resources: { cpu: '100m', memory: '256Mi' },
    rootEntrypoint: {
      does: 'its s6 run script chowns /data/gitea, /app/gitea and /data/git to the git user and drops to it with su-exec, and s6 also runs sshd as root',
      nonRoot: 'the -rootless tags (USER 1000:1000, ssh on 2222, data in /var/lib/gitea, app.ini in /etc/gitea)',
    },
    sources: {
      user: [`${GITEA}#L63-L72`, `${GITEA}#L75`],
      users: `${GITEA}#L63-L72`,
      ports: `${GITEA}#L47`,
      dataPath: `${GITEA}#L78`,
      writableRootReason: [`${GITEA}#L35-L39`, `${GITEA}#L81`, `${GITEA_ENTRYPOINT}#L9-L12`],
      healthcheck: `${GITEA}#L47`,
      rootEntrypoint: [`${GITEA_S6_RUN}#L5`, `${GITEA_S6_SETUP}#L55-L57`, `${GITEA}#L59`, `${GITEA}#L80-L81`],
    },
  },
  {
    // The -rootless tags: USER 1000:1000 and no su-exec. docker-setup.sh creates HOME and GITEA_CUSTOM inside
    // /var/lib/gitea, GITEA_TEMP (/tmp/gitea, also TMPDIR) and, on a first start, /etc/gitea/app.ini from its
    // template; it exits when HOME, the temp or the config directory is not writable. environment-to-ini
    // rewrites app.ini from GITEA__ variables on every start.
    repositories: ['gitea/gitea', 'gitea'],
    tagVariant: 'rootless',
    user: GIT_USER,
    users: { git: GIT_USER },
    ports: [
      { name: 'http', port: 3000, http: true },
      { name: 'ssh', port: 2222, http: false },
    ],
    dataPath: '/var/lib/gitea',
    writablePaths: ['/etc/gitea', '/tmp'],
    healthcheck: tcpCheck(3000),
    resources: { cpu: '100m', memory: '256Mi' },
    sources: {
      user: [`${GITEA_ROOTLESS}#L40-L49`, `${GITEA_ROOTLESS}#L62`],
      users: `${GITEA_ROOTLESS}#L40-L49`,
      ports: `${GITEA_ROOTLESS}#L29`,
      dataPath: [`${GITEA_ROOTLESS}#L63`, `${GITEA_ROOTLESS}#L71`],
      writablePaths: [`${GITEA_ROOTLESS}#L65-L71`, `${GITEA_ROOTLESS_SETUP}#L10-L20`, `${GITEA_ROOTLESS_SETUP}#L51`, `${GITEA_ROOTLESS_ENTRYPOINT}#L9-L11`],
      healthcheck: `${GITEA_ROOTLESS}#L29`,
    },
  },
  {
    // No USER: root by default, yet nothing needs it. Rocket listens on ROCKET_PORT=80 (the unprivileged-port
    // sysctl lets any user bind it); the database, RSA keys, attachments, icon cache and temp files go under
    // DATA_FOLDER=/data. start.sh (no set -e) runs `sed -i` on the web vault's CSS to toggle the SSO link: on a
    // read-only root that logs an error and the server starts anyway. Its HEALTHCHECK script curls /alive on
    // ROCKET_PORT with the DOMAIN's path.
    repositories: ['vaultwarden/server'],
    user: { uid: 65534, gid: 65534 },
    ports: [{ name: 'http', port: 80, http: true }],
    dataPath: '/data',
    writablePaths: [],
    healthcheck: { test: { exec: ['/healthcheck.sh'] }, intervalSeconds: 60, timeoutSeconds: 10, retries: 3 },
    resources: { cpu: '50m', memory: '128Mi' },
    sources: {
      user: `${VAULTWARDEN}#L169-L202`,
      ports: [`${VAULTWARDEN}#L173`, `${VAULTWARDEN}#L189`],
      dataPath: [`${VAULTWARDEN}#L177`, `${VAULTWARDEN}#L188`, `${VAULTWARDEN_HEALTHCHECK}#L5`],
      healthcheck: [`${VAULTWARDEN}#L181`, `${VAULTWARDEN}#L200`, `${VAULTWARDEN_HEALTHCHECK}#L64-L65`],
    },
  },
  {
    // 0.x images start as root (USER root): the entrypoint chowns /home/node and n8n's dist/public, then drops
    // to node with su-exec, which fails as any other user.
    repositories: ['n8nio/n8n'],
    maxMajor: 0,
    user: { uid: 1000, gid: 1000 },
    users: { node: { uid: 1000, gid: 1000 } },
    ports: [{ name: 'http', port: 5678, http: true }],
    dataPath: '/home/node/.n8n',
    writablePaths: [],
    healthcheck: tcpCheck(5678),
    resources: { cpu: '100m', memory: '512Mi' },
    rootEntrypoint: {
      does: 'its entrypoint chowns /home/node and /usr/local/lib/node_modules/n8n/dist/public to node and drops to it with su-exec',
      nonRoot: 'n8n 1.x images (USER node), or run n8n without the entrypoint as node with /home/node/.n8n on a volume',
    },
    sources: {
      user: `${N8N_0_ENTRYPOINT}#L13-L19`,
      users: `${N8N_0_ENTRYPOINT}#L13-L19`,
      ports: `${N8N}#L109`,
      dataPath: `${N8N_0_ENTRYPOINT}#L3-L11`,
      healthcheck: `${N8N}#L109`,
      rootEntrypoint: [`${N8N_0}#L20-L25`, `${N8N_0_ENTRYPOINT}#L9-L19`],
    },
  },
  {
    // 1.x: USER node (the node base image's 1000) in /home/node; the settings file with the encryption key,
    // the SQLite database, binary data and community nodes go to /home/node/.n8n, which the build creates
    // and gives to node.
    repositories: ['n8nio/n8n'],
    minMajor: 1,
    user: { uid: 1000, gid: 1000 },
    users: { node: { uid: 1000, gid: 1000 } },
    ports: [{ name: 'http', port: 5678, http: true }],
    dataPath: '/home/node/.n8n',
    writablePaths: [],
    healthcheck: tcpCheck(5678),
    resources: { cpu: '100m', memory: '512Mi' },
    sources: {
      user: [`${N8N}#L104-L105`, `${N8N}#L110`],
      users: `${N8N}#L104-L105`,
      ports: `${N8N}#L109`,
      dataPath: [`${N8N}#L94`, `${N8N}#L104-L105`],
      healthcheck: `${N8N}#L109`,
    },
  },
  {
    // php:apache as www-data (like wordpress): Apache keeps the user it starts as and binds 80 through the
    // unprivileged-port sysctl; its pid file and mutexes go to the 1777 run and lock directories. Started as
    // www-data the entrypoint rsyncs the release from /usr/src/nextcloud into the /var/www/html volume without
    // chown (-rlD), holds its lock file there, and runs occ directly (no su); upgrades list apps into /tmp.
    // APACHE_DISABLE_REWRITE_IP runs a2disconf, which writes /etc/apache2 (root only).
    repositories: ['nextcloud'],
    user: WWW_DATA,
    users: { 'www-data': WWW_DATA },
    ports: [{ name: 'http', port: 80, http: true }],
    dataPath: '/var/www/html',
    writablePaths: ['/var/run/apache2', '/var/lock/apache2', '/tmp'],
    healthcheck: tcpCheck(80),
    resources: { cpu: '250m', memory: '512Mi' },
    rootEntrypoint: NEXTCLOUD_REDIS_SESSION,
    sources: {
      user: [`${NEXTCLOUD_ENTRYPOINT}#L92-L113`, `${NEXTCLOUD_APACHE}#L148-L149`, `${PHP_APACHE}#L67-L81`],
      users: `${NEXTCLOUD_APACHE}#L148-L149`,
      ports: `${PHP_APACHE}#L289`,
      dataPath: [`${NEXTCLOUD_APACHE}#L151`, `${NEXTCLOUD_ENTRYPOINT}#L183-L189`],
      writablePaths: [`${PHP_APACHE}#L67-L81`, `${NEXTCLOUD_ENTRYPOINT}#L181`],
      healthcheck: `${PHP_APACHE}#L289`,
      rootEntrypoint: [`${NEXTCLOUD_ENTRYPOINT}#L2`, `${NEXTCLOUD_ENTRYPOINT}#L115-L147`],
    },
  },
  {
    // The fpm tags (php-fpm on 9000, FastCGI for a web server in front): the same entrypoint; php-fpm's master
    // started as www-data keeps that user, logs to stderr and writes no pid file (daemonize = no).
    // Alpine's www-data is 82.
    repositories: ['nextcloud'],
    tagVariant: 'fpm',
    user: WWW_DATA,
    alpineUser: { uid: 82, gid: 82 },
    users: { 'www-data': WWW_DATA },
    ports: [{ name: 'fastcgi', port: 9000, http: false }],
    dataPath: '/var/www/html',
    writablePaths: ['/tmp'],
    healthcheck: tcpCheck(9000),
    resources: { cpu: '250m', memory: '512Mi' },
    rootEntrypoint: NEXTCLOUD_REDIS_SESSION,
    sources: {
      user: [`${NEXTCLOUD_ENTRYPOINT}#L92-L113`, `${PHP_FPM}#L45-L49`, `${PHP_FPM}#L258-L264`],
      alpineUser: `${PHP_FPM_ALPINE}#L30-L33`,
      users: `${NEXTCLOUD_ENTRYPOINT}#L105-L107`,
      ports: [`${PHP_FPM}#L263`, `${PHP_FPM}#L275`],
      dataPath: [`${PHP_FPM}#L45-L49`, `${NEXTCLOUD_ENTRYPOINT}#L183-L189`],
      writablePaths: [`${NEXTCLOUD_ENTRYPOINT}#L181`, `${PHP_FPM}#L242-L251`],
      healthcheck: `${PHP_FPM}#L275`,
      rootEntrypoint: [`${NEXTCLOUD_ENTRYPOINT}#L2`, `${NEXTCLOUD_ENTRYPOINT}#L115-L147`, `${NEXTCLOUD_FPM_ALPINE}#L2`],
    },
  },
  {
    // The entrypoint chowns the content volume and drops to node with gosu only when started as root; as node
    // (1000, the node base image's user, who owns /var/lib/ghost) it seeds the volume from content.orig and
    // starts. Ghost listens on 2368 and keeps its data, images, logs and themes in the content volume (1777);
    // uploads (images, themes, imports) land in the system temp directory first.
    repositories: ['ghost'],
    user: { uid: 1000, gid: 1000 },
    users: { node: { uid: 1000, gid: 1000 } },
    ports: [{ name: 'http', port: 2368, http: true }],
    dataPath: '/var/lib/ghost/content',
    writablePaths: ['/tmp'],
    healthcheck: tcpCheck(2368),
    resources: { cpu: '100m', memory: '512Mi' },
    sources: {
      user: [`${GHOST}#L7`, `${GHOST}#L54`, `${GHOST_ENTRYPOINT}#L4-L8`],
      users: [`${GHOST}#L54`, `${GHOST}#L74`],
      ports: [`${GHOST}#L64`, `${GHOST}#L97`],
      dataPath: [`${GHOST}#L48`, `${GHOST}#L65`, `${GHOST}#L72-L75`, `${GHOST}#L92`, `${GHOST_ENTRYPOINT}#L10-L20`],
      writablePaths: `${GHOST_UPLOAD}#L46`,
      healthcheck: `${GHOST}#L97`,
    },
  },
  {
    // USER mattermost (PUID/PGID 2000); the entrypoint only prepends `mattermost` to flag arguments. Data,
    // logs, config.json and both plugin directories are VOLUMEs owned by mattermost. 8065 serves the web app
    // and API (its HEALTHCHECK curls /api/v4/system/ping), 8067 the metrics, 8074 and 8075 the cluster.
    repositories: ['mattermost/mattermost-team-edition', 'mattermost/mattermost-enterprise-edition'],
    user: { uid: 2000, gid: 2000 },
    users: { mattermost: { uid: 2000, gid: 2000 } },
    ports: [
      { name: 'http', port: 8065, http: true },
      { name: 'metrics', port: 8067, http: false },
      { name: 'gossip', port: 8074, http: false },
      { name: 'cluster', port: 8075, http: false },
    ],
    dataPath: '/mattermost/data',
    writablePaths: ['/mattermost/logs', '/mattermost/config', '/mattermost/plugins', '/mattermost/client/plugins'],
    healthcheck: { test: { httpGet: '/api/v4/system/ping', port: 8065 }, intervalSeconds: 30, timeoutSeconds: 10, retries: 3 },
    resources: { cpu: '500m', memory: '1Gi' },
    sources: {
      user: [`${MATTERMOST}#L9-L10`, `${MATTERMOST}#L26-L28`, `${MATTERMOST}#L34`, `${MATTERMOST_ENTRYPOINT}#L3-L7`],
      users: `${MATTERMOST}#L26-L28`,
      ports: `${MATTERMOST}#L46`,
      dataPath: [`${MATTERMOST}#L26`, `${MATTERMOST}#L49`],
      writablePaths: [`${MATTERMOST}#L31`, `${MATTERMOST}#L49`],
      healthcheck: `${MATTERMOST}#L37-L38`,
    },
  },
  {
    // USER nodejs (1001, group nodejs 1001); uploads with the local file storage go to
    // FILE_STORAGE_LOCAL_ROOT_DIR=/var/lib/outline/data, the VOLUME.
    repositories: ['outlinewiki/outline'],
    user: { uid: 1001, gid: 1001 },
    users: { nodejs: { uid: 1001, gid: 1001 } },
    ports: [{ name: 'http', port: 3000, http: true }],
    dataPath: '/var/lib/outline/data',
    writablePaths: [],
    healthcheck: tcpCheck(3000),
    resources: { cpu: '250m', memory: '512Mi' },
    sources: {
      user: [`${OUTLINE}#L24-L25`, `${OUTLINE}#L37`],
      users: `${OUTLINE}#L24-L25`,
      ports: `${OUTLINE}#L39`,
      dataPath: `${OUTLINE}#L30-L35`,
      healthcheck: `${OUTLINE}#L39`,
    },
  },
  {
    // USER nextjs (1001; the files it owns are nextjs:nodejs, group 1001). start-docker (package.json) checks
    // the database, runs update-tracker and starts the Next.js server on PORT 3000. update-tracker
    // (scripts/update-tracker.js) rewrites /app/public/script.js only when COLLECT_API_ENDPOINT is set: on a
    // read-only root that start fails, and an emptyDir would hide the application's public files.
    repositories: ['umami-software/umami'],
    user: { uid: 1001, gid: 1001 },
    users: { nextjs: { uid: 1001, gid: 1001 } },
    ports: [{ name: 'http', port: 3000, http: true }],
    writablePaths: [],
    healthcheck: tcpCheck(3000),
    resources: { cpu: '100m', memory: '256Mi' },
    sources: {
      user: [`${UMAMI}#L35-L36`, `${UMAMI}#L49-L52`],
      users: [`${UMAMI}#L35-L36`, `${UMAMI}#L42`],
      ports: `${UMAMI}#L54-L57`,
      healthcheck: `${UMAMI}#L54`,
    },
  },
  {
    // Plausible CE (v2.1+): USER 999, a system user in Alpine's nogroup (65533). The release is copied read-only
    // (555) to /app; the data directory (DEFAULT_DATA_DIR, the VOLUME) is made writable by any user "because
    // docker container can be started with arbitrary uid". The entrypoint's `run` starts the release and
    // `db createdb`/`db migrate` run its scripts, as compose files chain them.
    repositories: ['plausible/community-edition'],
    user: { uid: 999, gid: 65533 },
    users: { plausible: { uid: 999, gid: 65533 } },
    ports: [{ name: 'http', port: 8000, http: true }],
    dataPath: '/var/lib/plausible',
    writablePaths: [],
    healthcheck: tcpCheck(8000),
    resources: { cpu: '250m', memory: '512Mi' },
    sources: {
      user: [`${PLAUSIBLE}#L66`, `${PLAUSIBLE}#L79`],
      users: `${PLAUSIBLE}#L66`,
      ports: `${PLAUSIBLE}#L83`,
      dataPath: [`${PLAUSIBLE}#L75-L77`, `${PLAUSIBLE}#L84-L85`, `${PLAUSIBLE_ENTRYPOINT}#L4-L11`],
      healthcheck: `${PLAUSIBLE}#L83`,
    },
  },
  {
    // No USER: run_metabase.sh started as root creates metabase (MUID/MGID, 2000), moves the H2 database into
    // its own directory /metabase.db (MB_DB_FILE=/metabase.db/metabase.db), chowns it and runs java through
    // su. Started as another user it execs java directly and sets nothing: with no WORKDIR the H2 file and
    // the plugins directory would be relative to /, so the catalog gives the pod the root path's layout
    // (MB_DB_FILE in /metabase.db) and the image's world-writable /plugins, where the drivers are unpacked.
    // Migrations run before the port opens, hence the start period.
    repositories: ['metabase/metabase', 'metabase/metabase-enterprise'],
    user: { uid: 2000, gid: 2000 },
    users: { metabase: { uid: 2000, gid: 2000 } },
    ports: [{ name: 'http', port: 3000, http: true }],
    dataPath: '/metabase.db',
    writablePaths: ['/plugins'],
    env: { MB_DB_FILE: '/metabase.db/metabase.db' },
    healthcheck: { test: { tcpPort: 3000 }, intervalSeconds: 10, timeoutSeconds: 5, retries: 6, startPeriodSeconds: 300 },
    resources: { cpu: '500m', memory: '2Gi' },
    sources: {
      user: [`${METABASE_RUN}#L23-L27`, `${METABASE_RUN}#L32-L33`],
      users: [`${METABASE_RUN}#L32-L33`, `${METABASE_RUN}#L40-L48`],
      ports: `${METABASE}#L18`,
      dataPath: [`${METABASE_RUN}#L51`, `${METABASE_RUN}#L90`, `${METABASE_RUN}#L107-L111`],
      writablePaths: `${METABASE}#L12`,
      env: [`${METABASE_RUN}#L51`, `${METABASE_RUN}#L107`],
      healthcheck: [`${METABASE}#L18`, `${METABASE_RUN}#L27`],
    },
  },
];
