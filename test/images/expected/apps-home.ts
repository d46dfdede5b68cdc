/**
 * What the pods of the apps-home group's images must get, written from their
 * Dockerfiles, entrypoints and sources (the lines in `from`).
 */
import { GOTIFY, GOTIFY_CONFIG, JELLYFIN, JELLYFIN_PATHS, MINIFLUX, MOSQUITTO, NODE_RED, PIHOLE, PIHOLE_START, SYNAPSE, SYNAPSE_START } from '../../../lib/images/catalog-apps-home-sources';
import { ExpectedPod } from './types';

export const APPS_HOME_PODS: readonly ExpectedPod[] = [
  {
    // chmod 777 /config /cache, VOLUME both; TempDirectory is $TMPDIR/jellyfin; HEALTHCHECK curl /health on 8096.
    image: 'jellyfin/jellyfin:10.10.3',
    from: [`${JELLYFIN}#L110`, `${JELLYFIN}#L118-L121`, `${JELLYFIN}#L188-L200`, `${JELLYFIN_PATHS}#L75`],
    uid: 65534, gid: 65534,
    writable: ['/config', '/cache', '/tmp'],
    dataPath: '/config',
    probe: 'GET /health :8096',
  },
  {
    // adduser pihole -u 1000; start.sh works as root (the pod gets the catalog's user and a writable root).
    image: 'pihole/pihole:2025.08.0',
    from: [`${PIHOLE}#L17-L20`, `${PIHOLE}#L86`, `${PIHOLE}#L138-L140`, `${PIHOLE_START}#L35-L64`],
    uid: 1000, gid: 1000,
    writable: [],
    probe: 'dig',
  },
  {
    // 991:991 unless UID is set; execs python directly when not root; config in /data; curl /health on 8008.
    image: 'matrixdotorg/synapse:v1.120.2',
    from: [`${SYNAPSE_START}#L204-L212`, `${SYNAPSE_START}#L247-L251`, `${SYNAPSE_START}#L279-L285`, `${SYNAPSE}#L186-L191`],
    uid: 991, gid: 991,
    writable: ['/data'],
    dataPath: '/data',
    probe: 'GET /health :8008',
  },
  {
    // WORKDIR /app, data/gotify.db and data/images relative to it; port 80.
    image: 'gotify/server:2.6.1',
    from: [`${GOTIFY}#L69-L85`, `${GOTIFY_CONFIG}#L30`, `${GOTIFY_CONFIG}#L37`],
    uid: 65534, gid: 65534,
    writable: ['/app/data'],
    dataPath: '/app/data',
    probe: 'GET /health :80',
  },
  {
    // USER nobody; EXPOSE 8080.
    image: 'miniflux/miniflux:2.2.4',
    from: [`${MINIFLUX}#L21-L25`],
    uid: 65534, gid: 65534,
    writable: [],
    probe: 'TCP 8080',
  },
  {
    // adduser -u 1883 mosquitto, chown -R /mosquitto; VOLUME /mosquitto/data /mosquitto/log; EXPOSE 1883.
    image: 'eclipse-mosquitto:2.0.20',
    from: [`${MOSQUITTO}#L76-L78`, `${MOSQUITTO}#L92`, `${MOSQUITTO}#L100-L104`],
    uid: 1883, gid: 1883,
    writable: ['/mosquitto/data', '/mosquitto/log'],
    dataPath: '/mosquitto/data',
    probe: 'TCP 1883',
  },
  {
    // adduser node-red -u 1000, USER node-red; VOLUME /data; EXPOSE 1880; npm start with HOME /usr/src/node-red.
    image: 'nodered/node-red:3.1.9',
    from: [`${NODE_RED}#L25-L29`, `${NODE_RED}#L77`, `${NODE_RED}#L88-L96`],
    uid: 1000, gid: 1000,
    writable: ['/data', '/usr/src/node-red/.npm'],
    dataPath: '/data',
    probe: 'TCP 1880',
  },
];
