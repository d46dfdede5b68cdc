/**
 * Verified catalog entries of web servers, proxies and web tools: nginx,
 * httpd, traefik, caddy, keycloak, grafana, prometheus, mailpit, mailhog,
 * adminer, wordpress, phpmyadmin, pgadmin4, portainer, uptime-kuma. Every fact cites the
 * Dockerfile or entrypoint line it was read from.
 */
import { CatalogEntry } from './types';
import {
  ADMINER, ADMINER_ENTRYPOINT, CADDY, CADDY_ROOTLESS, GRAFANA, GRAFANA_RUN, HTTPD, HTTPD_ALPINE, HTTPD_FOREGROUND, KC_SH, KEYCLOAK, MAILHOG, MAILPIT,
  MAILPIT_STORAGE, NGINX, NGINX_ENVSUBST, NGINX_UNPRIVILEGED, PGADMIN, PHPMYADMIN, PHPMYADMIN_ENTRYPOINT, PHP_APACHE, PHP_FPM_ALPINE, PORTAINER,
  PROMETHEUS, TRAEFIK, UPTIME_KUMA_1, UPTIME_KUMA_1_ENTRYPOINT, UPTIME_KUMA_2, WORDPRESS, WORDPRESS_ENTRYPOINT
} from './catalog-web-sources';
import { tcpCheck } from './catalog-checks';

const NGINX_USER = { uid: 101, gid: 101 } as const;

/** The web group's entries. */
export const WEB: readonly CatalogEntry[] = [
  {
    // The image starts as root (the master, workers as `nginx`); as 101 the master writes its pid file
    // (/var/run/nginx.pid in the packaged nginx.conf) and the temp directories under /var/cache/nginx, the
    // two things the unprivileged build moves. The entrypoint's scripts only write what they can:
    // 10-listen-on-ipv6 skips a default.conf it cannot touch, 30-tune-worker-processes runs only when asked.
    // With templates mounted at /etc/nginx/templates, 20-envsubst-on-templates writes /etc/nginx/conf.d; on a
    // read-only root it logs an error and nginx starts without the generated files, so /etc/nginx/conf.d
    // needs an emptyDir exactly when the compose file mounts templates (not always: it would hide default.conf).
    repositories: ['nginx'],
    user: NGINX_USER,
    users: { nginx: NGINX_USER },
    ports: [{ name: 'http', port: 80, http: true }],
    writablePaths: ['/var/cache/nginx', '/var/run'],
    healthcheck: tcpCheck(80),
    resources: { cpu: '50m', memory: '64Mi' },
    sources: {
      user: `${NGINX}#L15-L17`,
      users: `${NGINX}#L15-L17`,
      ports: `${NGINX}#L115`,
      writablePaths: [`${NGINX_UNPRIVILEGED}#L141-L147`, `${NGINX_ENVSUBST}#L14-L23`],
      healthcheck: `${NGINX}#L115`,
    },
  },
  {
    // Built to run as 101: port 8080, pid file and every temp path moved to /tmp by the Dockerfile's sed.
    // /etc/nginx is owned by 101, so the envsubst script writes /etc/nginx/conf.d on a writable root (see nginx).
    repositories: ['nginxinc/nginx-unprivileged'],
    user: NGINX_USER,
    users: { nginx: NGINX_USER },
    ports: [{ name: 'http', port: 8080, http: true }],
    writablePaths: ['/tmp'],
    healthcheck: tcpCheck(8080),
    resources: { cpu: '50m', memory: '64Mi' },
    sources: {
      user: [`${NGINX_UNPRIVILEGED}#L17-L23`, `${NGINX_UNPRIVILEGED}#L160`],
      users: `${NGINX_UNPRIVILEGED}#L17-L23`,
      ports: [`${NGINX_UNPRIVILEGED}#L139`, `${NGINX_UNPRIVILEGED}#L156`],
      writablePaths: `${NGINX_UNPRIVILEGED}#L141-L142`,
      healthcheck: `${NGINX_UNPRIVILEGED}#L156`,
    },
  },
  {
    // Starts as root and drops its children to www-data (the Dockerfile's sed of User/Group). Started as
    // www-data it keeps that user (no setuid) and binds 80 through the unprivileged-port sysctl; its pid file,
    // mutexes and cgid socket go to /usr/local/apache2/logs, which make install leaves owned by root.
    // Logs go to stdout/stderr (the same sed).
    repositories: ['httpd'],
    user: { uid: 33, gid: 33 },
    alpineUser: { uid: 82, gid: 82 },
    users: { 'www-data': { uid: 33, gid: 33 } },
    ports: [{ name: 'http', port: 80, http: true }],
    writablePaths: ['/usr/local/apache2/logs'],
    healthcheck: tcpCheck(80),
    resources: { cpu: '50m', memory: '128Mi' },
    sources: {
      user: `${HTTPD}#L205-L210`,
      alpineUser: `${HTTPD_ALPINE}#L3-L6`,
      users: `${HTTPD}#L205-L210`,
      ports: `${HTTPD}#L238`,
      writablePaths: `${HTTPD_FOREGROUND}#L4-L5`,
      healthcheck: `${HTTPD}#L238`,
    },
  },
  {
    // No USER: the binary is installed world-executable and traefik writes nothing by default (logs to
    // stdout; ACME storage only where the compose file points it, normally a volume), so nobody runs it.
    repositories: ['traefik'],
    user: { uid: 65534, gid: 65534 },
    ports: [{ name: 'http', port: 80, http: true }],
    writablePaths: [],
    healthcheck: tcpCheck(80),
    resources: { cpu: '100m', memory: '128Mi' },
    sources: {
      user: `${TRAEFIK}#L16-L18`,
      ports: `${TRAEFIK}#L20`,
      healthcheck: `${TRAEFIK}#L20`,
    },
  },
  {
    // Certificates and locks under XDG_DATA_HOME=/data, autosaved config under XDG_CONFIG_HOME=/config, both
    // group-writable (g=u). The admin API (2019) listens on localhost only, so it gets no port here.
    // The binary carries the file capability cap_net_bind_service=+ep: with every capability dropped,
    // exec fails with EPERM whatever the user (the kernel refuses a capability-aware binary whose
    // capability it cannot grant).
    repositories: ['caddy'],
    minMajor: 2,
    user: { uid: 1001, gid: 0 },
    ports: [
      { name: 'http', port: 80, http: true },
      { name: 'https', port: 443, http: false },
      { name: 'http3', port: 443, protocol: 'UDP', http: false },
    ],
    dataPath: '/data',
    dataSize: '1Gi',
    writablePaths: ['/config'],
    healthcheck: tcpCheck(80),
    resources: { cpu: '100m', memory: '128Mi' },
    // The caddy binary carries cap_net_bind_service=+ep: exec fails unless NET_BIND_SERVICE is kept
    // (a build without file capabilities is the rootless Dockerfile: USER 1001, ports 8080 and 8443).
    netBindService: true,
    sources: {
      user: [`${CADDY_ROOTLESS}#L46-L47`, `${CADDY_ROOTLESS}#L86`, `${CADDY}#L39`],
      ports: `${CADDY}#L55-L57`,
      dataPath: [`${CADDY}#L44`, `${CADDY}#L9-L14`],
      writablePaths: `${CADDY}#L43`,
      healthcheck: `${CADDY}#L55`,
      netBindService: [`${CADDY}#L37`, `${CADDY_ROOTLESS}#L77-L86`],
    },
  },
  {
    // The Quarkus distribution (17+). kc.sh runs a build step before every start not given --optimized
    // (start, start-dev), which rewrites the augmented application under /opt/keycloak/lib; start-dev keeps
    // its H2 database under /opt/keycloak/data: neither fits on a read-only root. The build runs before
    // the port opens, hence the start period. Default heap: -Xmx512m plus up to 256m of metaspace.
    repositories: ['keycloak/keycloak'],
    minMajor: 17,
    user: { uid: 1000, gid: 0 },
    ports: [
      { name: 'http', port: 8080, http: true },
      { name: 'https', port: 8443, http: false },
    ],
    writablePaths: [],
    writableRootReason: 'kc.sh rebuilds the Quarkus application under /opt/keycloak/lib before a start without --optimized, and start-dev keeps its database under /opt/keycloak/data',
    healthcheck: { test: { tcpPort: 8080 }, intervalSeconds: 10, timeoutSeconds: 5, retries: 6, startPeriodSeconds: 120 },
    memoryFloor: '1Gi',
    resources: { cpu: '500m', memory: '1536Mi' },
    sources: {
      user: `${KEYCLOAK}#L28-L31`,
      ports: `${KEYCLOAK}#L33-L34`,
      writableRootReason: [`${KC_SH}#L127-L133`, `${KEYCLOAK}#L16-L17`],
      healthcheck: [`${KEYCLOAK}#L33`, `${KC_SH}#L127-L133`],
      memoryFloor: `${KC_SH}#L87-L92`,
    },
  },
  {
    // USER 472 with group 0. run.sh creates the plugins directory inside the data directory, writes
    // $GF_PATHS_HOME/.aws/credentials when GF_AWS_PROFILES is set (and exits if it cannot), installs
    // GF_INSTALL_PLUGINS through `grafana cli` (at the cited commit only with GF_INSTALL_PLUGINS_FORCE=true; archives
    // go through a temporary file), and logs to the console only, so /var/log/grafana is not written.
    repositories: ['grafana/grafana', 'grafana/grafana-oss'],
    user: { uid: 472, gid: 0 },
    users: { grafana: { uid: 472, gid: 0 } },
    ports: [{ name: 'http', port: 3000, http: true }],
    dataPath: '/var/lib/grafana',
    dataSize: '1Gi',
    writablePaths: ['/usr/share/grafana/.aws', '/tmp'],
    healthcheck: tcpCheck(3000),
    resources: { cpu: '100m', memory: '256Mi' },
    sources: {
      user: [`${GRAFANA}#L139-L140`, `${GRAFANA}#L223`],
      users: `${GRAFANA}#L185-L198`,
      ports: `${GRAFANA}#L217`,
      dataPath: [`${GRAFANA}#L144`, `${GRAFANA_RUN}#L97`],
      writablePaths: [`${GRAFANA_RUN}#L30-L31`, `${GRAFANA_RUN}#L73-L89`],
      healthcheck: `${GRAFANA}#L217`,
    },
  },
  {
    // USER nobody (busybox: 65534), TSDB in the /prometheus volume; nothing else written.
    repositories: ['prom/prometheus', 'prometheus/prometheus'],
    user: { uid: 65534, gid: 65534 },
    ports: [{ name: 'http', port: 9090, http: true }],
    dataPath: '/prometheus',
    writablePaths: [],
    healthcheck: tcpCheck(9090),
    resources: { cpu: '250m', memory: '512Mi' },
    sources: {
      user: [`${PROMETHEUS}#L11-L12`, `${PROMETHEUS}#L14`],
      ports: `${PROMETHEUS}#L15`,
      dataPath: [`${PROMETHEUS}#L16`, `${PROMETHEUS}#L20`],
      healthcheck: `${PROMETHEUS}#L15`,
    },
  },
  {
    // No USER; the binary is group 0 with g=u for any user. Without MP_DATABASE it keeps mail in a
    // temporary SQLite file (the system temp directory). Its own HEALTHCHECK runs `/mailpit readyz`.
    repositories: ['axllent/mailpit'],
    user: { uid: 65534, gid: 65534 },
    ports: [
      { name: 'smtp', port: 1025, http: false },
      { name: 'http', port: 8025, http: true },
      { name: 'pop3', port: 1110, http: false },
    ],
    writablePaths: ['/tmp'],
    healthcheck: { test: { exec: ['/mailpit', 'readyz'] }, intervalSeconds: 15, timeoutSeconds: 30, retries: 3 },
    resources: { cpu: '50m', memory: '128Mi' },
    sources: {
      user: `${MAILPIT}#L22-L26`,
      ports: `${MAILPIT}#L28`,
      writablePaths: `${MAILPIT_STORAGE}#L23-L25`,
      healthcheck: `${MAILPIT}#L30`,
    },
  },
  {
    // USER mailhog (1000, its own group); messages in memory by default.
    repositories: ['mailhog/mailhog'],
    user: { uid: 1000, gid: 1000 },
    users: { mailhog: { uid: 1000, gid: 1000 } },
    ports: [
      { name: 'smtp', port: 1025, http: false },
      { name: 'http', port: 8025, http: true },
    ],
    writablePaths: [],
    healthcheck: tcpCheck(1025),
    resources: { cpu: '50m', memory: '64Mi' },
    sources: {
      user: `${MAILHOG}#L22-L27`,
      users: `${MAILHOG}#L22-L27`,
      ports: `${MAILHOG}#L34`,
      healthcheck: `${MAILHOG}#L34`,
    },
  },
  {
    // USER adminer, a system user of alpine's adduser -S (the first free IDs: 100, group 101). Its
    // entrypoint (set -e) links the ADMINER_DESIGN stylesheet into /var/www/html and writes
    // plugins-enabled/ for ADMINER_PLUGINS; it exits when it cannot, and /var/www/html holds the
    // application, so it cannot be an emptyDir. PHP sessions go to the system temp directory.
    repositories: ['adminer'],
    user: { uid: 100, gid: 101 },
    users: { adminer: { uid: 100, gid: 101 } },
    ports: [{ name: 'http', port: 8080, http: true }],
    writablePaths: [],
    writableRootReason: 'its entrypoint links the ADMINER_DESIGN stylesheet and writes ADMINER_PLUGINS loaders into /var/www/html, the application directory, and exits if it cannot',
    healthcheck: tcpCheck(8080),
    resources: { cpu: '50m', memory: '128Mi' },
    sources: {
      user: [`${ADMINER}#L11-L15`, `${ADMINER}#L58`],
      users: `${ADMINER}#L11-L12`,
      ports: [`${ADMINER}#L59`, `${ADMINER}#L61`],
      writableRootReason: [`${ADMINER_ENTRYPOINT}#L1-L20`, `${ADMINER}#L41`, `${ADMINER}#L55-L56`],
      healthcheck: `${ADMINER}#L61`,
    },
  },
  {
    // php:apache starts Apache as root, which binds 80 and drops its children to www-data. Started as
    // www-data (Debian 33; Alpine's fpm variants 82) Apache keeps that user and binds 80 through the
    // unprivileged-port sysctl: the php image makes Apache's run, lock and log directories 1777 "to allow
    // running as an arbitrary user"; on a read-only root the run and lock directories (pid file, mutexes,
    // from Debian's envvars) need emptyDirs. The entrypoint's non-root path copies WordPress into the
    // volume as the current user (tar --no-overwrite-dir) and writes wp-config.php there. PHP's uploads
    // use the system temp directory. The fpm tags listen on 9000 instead (their image config says so).
    repositories: ['wordpress'],
    user: { uid: 33, gid: 33 },
    alpineUser: { uid: 82, gid: 82 },
    users: { 'www-data': { uid: 33, gid: 33 } },
    ports: [{ name: 'http', port: 80, http: true }],
    dataPath: '/var/www/html',
    writablePaths: ['/var/run/apache2', '/var/lock/apache2', '/tmp'],
    healthcheck: tcpCheck(80),
    resources: { cpu: '100m', memory: '256Mi' },
    sources: {
      user: [`${WORDPRESS_ENTRYPOINT}#L43-L46`, `${PHP_APACHE}#L45-L49`],
      alpineUser: `${PHP_FPM_ALPINE}#L30-L33`,
      users: `${WORDPRESS}#L159`,
      ports: `${PHP_APACHE}#L289`,
      dataPath: `${WORDPRESS}#L170`,
      writablePaths: `${PHP_APACHE}#L67-L81`,
      healthcheck: `${PHP_APACHE}#L289`,
    },
  },
  {
    // php:apache as www-data, like wordpress. Its entrypoint (no set -e) writes the blowfish secret and an
    // empty user config into /etc/phpmyadmin, beside the image's config.inc.php, so that directory cannot
    // be an emptyDir, and the base64 settings (PMA_CONFIG_BASE64, PMA_SSL_*) write there too.
    repositories: ['phpmyadmin', 'phpmyadmin/phpmyadmin'],
    user: { uid: 33, gid: 33 },
    users: { 'www-data': { uid: 33, gid: 33 } },
    ports: [{ name: 'http', port: 80, http: true }],
    writablePaths: [],
    writableRootReason: 'its entrypoint writes the blowfish secret and the user config into /etc/phpmyadmin, beside the image\'s config.inc.php',
    healthcheck: tcpCheck(80),
    resources: { cpu: '100m', memory: '256Mi' },
    sources: {
      user: [`${PHPMYADMIN}#L1`, `${PHP_APACHE}#L67-L81`],
      users: `${PHPMYADMIN_ENTRYPOINT}#L10`,
      ports: `${PHP_APACHE}#L289`,
      writableRootReason: `${PHPMYADMIN_ENTRYPOINT}#L2-L15`,
      healthcheck: `${PHP_APACHE}#L289`,
    },
  },
  {
    // USER pgadmin (5050). The build gives the python interpreter the file capability
    // CAP_NET_BIND_SERVICE=+eip (to bind 80 as pgadmin), so like caddy every python and gunicorn exec fails
    // with EPERM once all capabilities are dropped. It also pre-creates /pgadmin4/config_distro.py owned by
    // pgadmin for the entrypoint to fill in at start, a single file in the application directory.
    repositories: ['dpage/pgadmin4'],
    user: { uid: 5050, gid: 5050 },
    users: { pgadmin: { uid: 5050, gid: 5050 } },
    ports: [
      { name: 'http', port: 80, http: true },
      { name: 'https', port: 443, http: false },
    ],
    dataPath: '/var/lib/pgadmin',
    dataSize: '1Gi',
    writablePaths: [],
    writableRootReason: 'the entrypoint fills in /pgadmin4/config_distro.py, a file the image creates for it in the application directory',
    healthcheck: tcpCheck(80),
    resources: { cpu: '100m', memory: '256Mi' },
    // The python interpreter carries CAP_NET_BIND_SERVICE=+eip: exec fails unless NET_BIND_SERVICE is kept.
    netBindService: true,
    sources: {
      user: [`${PGADMIN}#L191-L192`, `${PGADMIN}#L200`],
      users: `${PGADMIN}#L191-L192`,
      ports: `${PGADMIN}#L204`,
      dataPath: [`${PGADMIN}#L193-L194`, `${PGADMIN}#L203`],
      writableRootReason: `${PGADMIN}#L195-L196`,
      healthcheck: `${PGADMIN}#L204`,
      netBindService: `${PGADMIN}#L197`,
    },
  },
  {
    // No USER; it keeps its database and generated TLS certificate in the /data volume. The Docker socket
    // it manages in compose does not exist in a pod, whatever the user.
    repositories: ['portainer/portainer-ce', 'portainer/portainer-ee', 'portainer/portainer'],
    user: { uid: 65534, gid: 65534 },
    ports: [
      { name: 'http', port: 9000, http: true },
      { name: 'https', port: 9443, http: false },
      { name: 'edge', port: 8000, http: false },
    ],
    dataPath: '/data',
    dataSize: '1Gi',
    writablePaths: [],
    healthcheck: tcpCheck(9000),
    resources: { cpu: '100m', memory: '128Mi' },
    sources: {
      user: `${PORTAINER}#L14`,
      ports: `${PORTAINER}#L25-L27`,
      dataPath: `${PORTAINER}#L22`,
      healthcheck: `${PORTAINER}#L25`,
    },
  },
  {
    // 1.x runs extra/entrypoint.sh as root (set -e): it chowns /app/data to PUID:PGID (0 by default) and
    // drops to them with setpriv --clear-groups, both of which fail as another user.
    // The image's own user is root (PUID and PGID default to 0): 1000:1000 is the catalog's choice.
    repositories: ['louislam/uptime-kuma'],
    maxMajor: 1,
    user: { uid: 1000, gid: 1000 },
    ports: [{ name: 'http', port: 3001, http: true }],
    dataPath: '/app/data',
    dataSize: '1Gi',
    writablePaths: [],
    healthcheck: { test: { exec: ['node', 'extra/healthcheck.js'] }, intervalSeconds: 60, timeoutSeconds: 30, retries: 5, startPeriodSeconds: 180 },
    resources: { cpu: '100m', memory: '256Mi' },
    rootEntrypoint: {
      does: 'extra/entrypoint.sh chowns /app/data to PUID:PGID and drops to them with setpriv --clear-groups',
      nonRoot: 'run the command without the entrypoint script (dumb-init -- node server/server.js in /app) as the user owning /app/data',
    },
    sources: {
      user: `${UPTIME_KUMA_1_ENTRYPOINT}#L5-L6`,
      ports: `${UPTIME_KUMA_1}#L19`,
      dataPath: `${UPTIME_KUMA_1}#L20`,
      healthcheck: `${UPTIME_KUMA_1}#L21`,
      rootEntrypoint: [`${UPTIME_KUMA_1_ENTRYPOINT}#L4-L21`, `${UPTIME_KUMA_1}#L22-L23`],
    },
  },
  {
    // 2.x: no entrypoint script; /app (with data/) owned by node, the rootless tags' USER.
    repositories: ['louislam/uptime-kuma'],
    minMajor: 2,
    user: { uid: 1000, gid: 1000 },
    users: { node: { uid: 1000, gid: 1000 } },
    ports: [{ name: 'http', port: 3001, http: true }],
    dataPath: '/app/data',
    dataSize: '1Gi',
    writablePaths: [],
    healthcheck: { test: { exec: ['/app/extra/healthcheck'] }, intervalSeconds: 60, timeoutSeconds: 30, retries: 5, startPeriodSeconds: 180 },
    resources: { cpu: '100m', memory: '256Mi' },
    sources: {
      user: [`${UPTIME_KUMA_2}#L37`, `${UPTIME_KUMA_2}#L47-L48`],
      users: `${UPTIME_KUMA_2}#L14`,
      ports: `${UPTIME_KUMA_2}#L39`,
      dataPath: [`${UPTIME_KUMA_2}#L24`, `${UPTIME_KUMA_2}#L37`],
      healthcheck: [`${UPTIME_KUMA_2}#L30`, `${UPTIME_KUMA_2}#L40`],
    },
  },
];
