/**
 * Verified catalog entries of self-hosted home and messaging applications:
 * Jellyfin, Pi-hole, Synapse, Gotify, Miniflux, Mosquitto and Node-RED. Every fact
 * cites the Dockerfile, entrypoint or source line it was read from.
 */
import { CatalogEntry } from './types';
import { GOTIFY, GOTIFY_CONFIG, JELLYFIN, JELLYFIN_PATHS, MINIFLUX, MOSQUITTO, NODE_RED, PIHOLE, PIHOLE_START, SYNAPSE, SYNAPSE_START } from './catalog-apps-home-sources';
import { tcpCheck } from './catalog-checks';

const NOBODY = { uid: 65534, gid: 65534 } as const;

/** The apps-home group's entries. */
export const APPS_HOME: readonly CatalogEntry[] = [
  {
    // No USER, and no entrypoint script: the server is exec'd directly, so any user runs it. The Dockerfile
    // makes /config (data, configuration, logs, plugins) and /cache world-writable VOLUMEs; the server's
    // temporary directory is jellyfin/ in the system temp directory (transcode scratch files, downloads).
    repositories: ['jellyfin/jellyfin'],
    user: NOBODY,
    ports: [{ name: 'http', port: 8096, http: true }],
    dataPath: '/config',
    dataSize: '10Gi',
    writablePaths: ['/cache', '/tmp'],
    healthcheck: { test: { httpGet: '/health', port: 8096 }, intervalSeconds: 30, timeoutSeconds: 30, retries: 3, startPeriodSeconds: 10 },
    resources: { cpu: '500m', memory: '1Gi' },
    sources: {
      user: [`${JELLYFIN}#L188-L189`, `${JELLYFIN}#L196`],
      ports: `${JELLYFIN}#L194`,
      dataPath: [`${JELLYFIN}#L118-L121`, `${JELLYFIN}#L195`],
      writablePaths: [`${JELLYFIN}#L119`, `${JELLYFIN}#L188-L189`, `${JELLYFIN_PATHS}#L75`],
      healthcheck: [`${JELLYFIN}#L110`, `${JELLYFIN}#L199-L200`],
    },
  },
  {
    // Pi-hole 6 (the alpine image): start.sh runs as root and cannot run as another user. It renumbers the
    // pihole user (PIHOLE_UID), installs packages (ADDITIONAL_PACKAGES), starts crond, installs logrotate's
    // config, runs FTL's pre-start script (which chowns /etc/pihole and /var/log/pihole), sets file
    // capabilities on pihole-FTL and starts it through capsh as DNSMASQ_USER (pihole, 1000) keeping them.
    repositories: ['pihole/pihole'],
    user: { uid: 1000, gid: 1000 },
    users: { pihole: { uid: 1000, gid: 1000 } },
    ports: [
      { name: 'dns', port: 53, http: false },
      { name: 'dns-udp', port: 53, protocol: 'UDP', http: false },
      { name: 'http', port: 80, http: true },
      { name: 'https', port: 443, http: false },
      { name: 'dhcp', port: 67, protocol: 'UDP', http: false },
      { name: 'ntp', port: 123, protocol: 'UDP', http: false },
    ],
    writablePaths: [],
    writableRootReason: 'start.sh renumbers the pihole user, installs packages, crontab and logrotate config, and sets file capabilities on pihole-FTL before it starts',
    healthcheck: { test: { exec: ['dig', '-p', '53', '+short', '+norecurse', '+retry=0', '@127.0.0.1', 'pi.hole'] }, intervalSeconds: 30, timeoutSeconds: 30, retries: 3 },
    resources: { cpu: '100m', memory: '128Mi' },
    rootEntrypoint: {
      does: 'start.sh renumbers the pihole user, installs packages and crontab, sets file capabilities on pihole-FTL and starts it through capsh as pihole',
      nonRoot: 'none in the image: pihole-FTL needs NET_BIND_SERVICE (and NET_ADMIN for DHCP); run it in a namespace that allows those capabilities, or use another DNS server',
    },
    sources: {
      user: [`${PIHOLE}#L17-L20`, `${PIHOLE}#L86`],
      users: `${PIHOLE}#L86`,
      ports: `${PIHOLE}#L104-L108`,
      writableRootReason: `${PIHOLE_START}#L35-L59`,
      healthcheck: [`${PIHOLE}#L26`, `${PIHOLE}#L138`],
      rootEntrypoint: [`${PIHOLE}#L140`, `${PIHOLE_START}#L35-L64`],
    },
  },
  {
    // start.py: as root it chowns the data directory and drops to UID:GID (991:991 by default) with gosu;
    // started as another user without UID set it execs python directly. (With UID set in the environment it
    // still calls gosu, which fails as non-root.) Configuration, signing key, media store and SQLite
    // database live in /data (SYNAPSE_CONFIG_DIR); run mode exits when /data/homeserver.yaml is missing.
    repositories: ['matrixdotorg/synapse', 'element-hq/synapse'],
    user: { uid: 991, gid: 991 },
    ports: [
      { name: 'http', port: 8008, http: true },
      { name: 'metrics', port: 8009, http: false },
      { name: 'federation', port: 8448, http: false },
    ],
    dataPath: '/data',
    dataSize: '10Gi',
    writablePaths: [],
    healthcheck: { test: { httpGet: '/health', port: 8008 }, intervalSeconds: 15, timeoutSeconds: 5, retries: 3, startPeriodSeconds: 5 },
    resources: { cpu: '250m', memory: '512Mi' },
    sources: {
      user: [`${SYNAPSE_START}#L204-L212`, `${SYNAPSE_START}#L279-L285`],
      ports: `${SYNAPSE}#L186`,
      dataPath: `${SYNAPSE_START}#L247-L251`,
      healthcheck: [`${SYNAPSE}#L138`, `${SYNAPSE}#L190-L191`],
    },
  },
  {
    // No USER; the binary is exec'd from WORKDIR /app and keeps its SQLite database, uploaded images and
    // Let's Encrypt cache under the relative data/, so /app/data. It listens on 80 (GOTIFY_SERVER_PORT),
    // which a non-root user binds through the unprivileged-port sysctl.
    repositories: ['gotify/server'],
    user: NOBODY,
    ports: [{ name: 'http', port: 80, http: true }],
    dataPath: '/app/data',
    dataSize: '1Gi',
    writablePaths: [],
    healthcheck: { test: { httpGet: '/health', port: 80 }, intervalSeconds: 30, timeoutSeconds: 5, retries: 3, startPeriodSeconds: 5 },
    resources: { cpu: '50m', memory: '64Mi' },
    sources: {
      user: `${GOTIFY}#L66-L85`,
      ports: [`${GOTIFY}#L69-L70`, `${GOTIFY}#L81`],
      dataPath: [`${GOTIFY}#L72`, `${GOTIFY_CONFIG}#L23`, `${GOTIFY_CONFIG}#L30`, `${GOTIFY_CONFIG}#L37`],
      healthcheck: [`${GOTIFY}#L76`, `${GOTIFY}#L80`],
    },
  },
  {
    // USER nobody (alpine: 65534); its data is in PostgreSQL, it writes nothing locally.
    repositories: ['miniflux/miniflux'],
    user: NOBODY,
    ports: [{ name: 'http', port: 8080, http: true }],
    writablePaths: [],
    healthcheck: tcpCheck(8080),
    resources: { cpu: '50m', memory: '64Mi' },
    sources: {
      user: `${MINIFLUX}#L25`,
      ports: `${MINIFLUX}#L21-L22`,
      healthcheck: `${MINIFLUX}#L21`,
    },
  },
  {
    // mosquitto (1883:1883) owns /mosquitto; the VOLUMEs /mosquitto/data (persistence) and /mosquitto/log
    // are where a mounted mosquitto.conf points persistence_location and log_dest file. Started as root the
    // broker drops to the mosquitto user itself; as 1883 it keeps it. Its HEALTHCHECK runs curl, which the
    // build installs only among the build dependencies it deletes, so a TCP connect checks it here.
    repositories: ['eclipse-mosquitto'],
    minMajor: 2,
    user: { uid: 1883, gid: 1883 },
    users: { mosquitto: { uid: 1883, gid: 1883 } },
    ports: [{ name: 'mqtt', port: 1883, http: false }],
    dataPath: '/mosquitto/data',
    dataSize: '1Gi',
    writablePaths: ['/mosquitto/log'],
    healthcheck: tcpCheck(1883),
    resources: { cpu: '50m', memory: '64Mi' },
    sources: {
      user: [`${MOSQUITTO}#L76-L78`, `${MOSQUITTO}#L92`],
      users: `${MOSQUITTO}#L76-L77`,
      ports: `${MOSQUITTO}#L104`,
      dataPath: `${MOSQUITTO}#L100`,
      writablePaths: `${MOSQUITTO}#L100`,
      healthcheck: [`${MOSQUITTO}#L104`, `${MOSQUITTO}#L15`, `${MOSQUITTO}#L107`],
    },
  },
  {
    // USER node-red (1000, home /usr/src/node-red); flows, credentials, settings and installed nodes in the
    // /data VOLUME (--userDir /data). It starts through `npm start`, which keeps its cache and logs under
    // $HOME/.npm, the application directory, so that one path is writable too.
    repositories: ['nodered/node-red'],
    user: { uid: 1000, gid: 1000 },
    users: { 'node-red': { uid: 1000, gid: 1000 } },
    ports: [{ name: 'http', port: 1880, http: true }],
    dataPath: '/data',
    dataSize: '1Gi',
    writablePaths: ['/usr/src/node-red/.npm'],
    healthcheck: tcpCheck(1880),
    resources: { cpu: '100m', memory: '256Mi' },
    sources: {
      user: [`${NODE_RED}#L27`, `${NODE_RED}#L77`],
      users: `${NODE_RED}#L27`,
      ports: `${NODE_RED}#L91`,
      dataPath: [`${NODE_RED}#L25-L28`, `${NODE_RED}#L88`, `${NODE_RED}#L96`],
      writablePaths: [`${NODE_RED}#L27`, `${NODE_RED}#L96`],
      healthcheck: `${NODE_RED}#L91`,
    },
  },
];
