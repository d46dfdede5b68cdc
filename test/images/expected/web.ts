/**
 * What the pods of the web group's images must get, written from their
 * Dockerfiles and entrypoints (the lines in `from`).
 */
import { ExpectedPod } from './types';

const NGINX = 'https://github.com/nginxinc/docker-nginx/blob/4bf0763f4977fff7e9648add59e0540088f3ca9f/mainline/debian/Dockerfile';
const NGINX_UNPRIVILEGED = 'https://github.com/nginxinc/docker-nginx-unprivileged/blob/4553e5b9081dd1d0e72f95f491a66e60f451fc41/mainline/debian/Dockerfile';
const HTTPD = 'https://github.com/docker-library/httpd/blob/f3b7fd9c8ef59d1ad46c8b2a27df3e02d822834f/2.4/Dockerfile';
const HTTPD_ALPINE = 'https://github.com/docker-library/httpd/blob/0db1d55dbc9224c7256946c872dcaaf7e9308132/2.4/alpine/Dockerfile';
const HTTPD_FOREGROUND = 'https://github.com/docker-library/httpd/blob/e927bc677ef50b1f63cab483287d5560aa5dd9fe/2.4/alpine/httpd-foreground';
const TRAEFIK = 'https://github.com/traefik/traefik-library-image/blob/00f17bdb165d5fb028b3ca35232acbd9b1449af5/v3.6/alpine/Dockerfile';
const CADDY = 'https://github.com/caddyserver/caddy-docker/blob/74e20237701d1909f31428214cf19c52b04f860e/2.10/alpine/Dockerfile';
const CADDY_ROOTLESS = 'https://github.com/caddyserver/caddy-docker/blob/ca6f0a471f5782346346845addb5349961447e1e/2.10/rootless/Dockerfile';
const KEYCLOAK = 'https://github.com/keycloak/keycloak/blob/0463815bc93acbe22cf0b347af7cbd11e5a56d65/quarkus/container/Dockerfile';
const KC_SH = 'https://github.com/keycloak/keycloak/blob/014f6c38da515c7d130a7fc570e34b0ef817e183/quarkus/dist/src/main/content/bin/kc.sh';
const GRAFANA = 'https://github.com/grafana/grafana/blob/78515af65f036f536c4ab2e6fdb5484552f99f1f/Dockerfile';
const GRAFANA_RUN = 'https://github.com/grafana/grafana/blob/07754534fbafa7e7e18e7272e552c166f1afae28/packaging/docker/run.sh';
const PROMETHEUS = 'https://github.com/prometheus/prometheus/blob/b5c61f3e9a36ed399da703f2ca4c9771db78c328/Dockerfile';
const MAILPIT = 'https://github.com/axllent/mailpit/blob/13901cc87f51b7e9c2dcee2a82c21e2303ba0a3c/Dockerfile';
const MAILPIT_STORAGE = 'https://github.com/axllent/mailpit-website/blob/0337865a402d7f596a9cc0a5d3b2f5723512bdd3/content/docs/configuration/email-storage.md';
const MAILHOG = 'https://github.com/mailhog/MailHog/blob/12eb3dfb7d5dbcc3fc0d6574773d932375d8e023/Dockerfile';
const ADMINER = 'https://github.com/TimWolla/docker-adminer/blob/e99525348b7c21a8a254e6b2b42b7c254003376d/5/Dockerfile';
const ADMINER_ENTRYPOINT = 'https://github.com/TimWolla/docker-adminer/blob/368068cd4a4ba5baa13ec74b9a86edce9d785451/4/entrypoint.sh';
const PHP_APACHE = 'https://github.com/docker-library/php/blob/910674b44ecb630c9831d3bdf4f82aa2adb6bfe5/8.3/bookworm/apache/Dockerfile';
const WORDPRESS = 'https://github.com/docker-library/wordpress/blob/2007d5d69bfa13fd2af075a786bbf544e9f6cbe8/latest/php8.3/apache/Dockerfile';
const WORDPRESS_ENTRYPOINT = 'https://github.com/docker-library/wordpress/blob/e2e035cbda2b0f8c0be092a7472338a1eec31178/docker-entrypoint.sh';
const PHPMYADMIN_ENTRYPOINT = 'https://github.com/phpmyadmin/docker/blob/2ee310d5d8d38924fd579dc96a9842b2986d8b13/apache/docker-entrypoint.sh';
const PGADMIN = 'https://github.com/pgadmin-org/pgadmin4/blob/36c9eb3dfd9202c5ab46272d573619c75cfdd79a/Dockerfile';
const PORTAINER = 'https://github.com/portainer/portainer/blob/17b2322b92542d0efbf9cf6e22fa898471ea8da1/build/linux/Dockerfile';
const UPTIME_KUMA_1 = 'https://github.com/louislam/uptime-kuma/blob/03ac511b058c809ecc66605db6bba5aee48300f5/docker/dockerfile';
const UPTIME_KUMA_2 = 'https://github.com/louislam/uptime-kuma/blob/a6bb0dec7171d5d01c46b69704af097b77040d9d/docker/dockerfile';

export const WEB_PODS: readonly ExpectedPod[] = [
  {
    // groupadd/useradd 101; the packaged nginx.conf's pid file in /var/run and caches in /var/cache/nginx
    // (the lines the unprivileged build rewrites); EXPOSE 80.
    image: 'nginx:1.27.3',
    from: [`${NGINX}#L15-L17`, `${NGINX}#L115`, `${NGINX_UNPRIVILEGED}#L141-L147`],
    uid: 101, gid: 101,
    writable: ['/var/cache/nginx', '/var/run'],
    probe: 'TCP 80',
  },
  {
    image: 'nginx:1.27.3-alpine',
    from: [`${NGINX}#L15`, `${NGINX_UNPRIVILEGED}#L141-L147`],
    uid: 101, gid: 101,
    writable: ['/var/cache/nginx', '/var/run'],
    probe: 'TCP 80',
  },
  {
    // USER $UID (101); listen 8080; pid and temp paths in /tmp.
    image: 'nginxinc/nginx-unprivileged:1.27.4-alpine',
    from: [`${NGINX_UNPRIVILEGED}#L17-L23`, `${NGINX_UNPRIVILEGED}#L139-L142`, `${NGINX_UNPRIVILEGED}#L156`, `${NGINX_UNPRIVILEGED}#L160`],
    uid: 101, gid: 101,
    writable: ['/tmp'],
    probe: 'TCP 8080',
  },
  {
    // User/Group www-data (Debian: 33); httpd-foreground's pid file in /usr/local/apache2/logs; EXPOSE 80.
    image: 'httpd:2.4.62',
    from: [`${HTTPD}#L205-L210`, `${HTTPD}#L238`, `${HTTPD_FOREGROUND}#L4-L5`],
    uid: 33, gid: 33,
    writable: ['/usr/local/apache2/logs'],
    probe: 'TCP 80',
  },
  {
    // addgroup -g 82 / adduser -u 82 www-data.
    image: 'httpd:2.4.62-alpine',
    from: [`${HTTPD_ALPINE}#L3-L6`, `${HTTPD_FOREGROUND}#L4-L5`],
    uid: 82, gid: 82,
    writable: ['/usr/local/apache2/logs'],
    probe: 'TCP 80',
  },
  {
    image: 'traefik:v3.2.1',
    from: [`${TRAEFIK}#L16-L18`, `${TRAEFIK}#L20`],
    uid: 65534, gid: 65534,
    writable: [],
    probe: 'TCP 80',
  },
  {
    // XDG_DATA_HOME=/data, XDG_CONFIG_HOME=/config; the rootless build's user 1001 in group 0.
    image: 'caddy:2.10.0-alpine',
    from: [`${CADDY}#L43-L44`, `${CADDY}#L55`, `${CADDY_ROOTLESS}#L46-L47`],
    uid: 1001, gid: 0,
    writable: ['/data', '/config'],
    dataPath: '/data',
    probe: 'TCP 80',
  },
  {
    // keycloak:x:1000:0; EXPOSE 8080; -Xmx512m and MaxMetaspaceSize=256m by default.
    image: 'quay.io/keycloak/keycloak:26.0.7',
    from: [`${KEYCLOAK}#L28-L31`, `${KEYCLOAK}#L33`, `${KC_SH}#L87-L92`],
    uid: 1000, gid: 0,
    writable: [],
    probe: 'TCP 8080',
    memoryAtLeast: '1Gi',
  },
  {
    // GF_UID 472, GF_GID 0; GF_PATHS_DATA; run.sh's .aws credentials and plugin installs.
    image: 'grafana/grafana:11.4.0',
    from: [`${GRAFANA}#L139-L140`, `${GRAFANA}#L144`, `${GRAFANA}#L217`, `${GRAFANA_RUN}#L30-L31`],
    uid: 472, gid: 0,
    writable: ['/var/lib/grafana', '/usr/share/grafana/.aws', '/tmp'],
    dataPath: '/var/lib/grafana',
    probe: 'TCP 3000',
  },
  {
    image: 'grafana/grafana-oss:10.4.2',
    from: [`${GRAFANA}#L139-L140`, `${GRAFANA}#L144`, `${GRAFANA}#L223`],
    uid: 472, gid: 0,
    writable: ['/var/lib/grafana', '/usr/share/grafana/.aws', '/tmp'],
    dataPath: '/var/lib/grafana',
    probe: 'TCP 3000',
  },
  {
    // USER nobody; VOLUME /prometheus; EXPOSE 9090.
    image: 'prom/prometheus:v3.1.0',
    from: [`${PROMETHEUS}#L14-L16`],
    uid: 65534, gid: 65534,
    writable: ['/prometheus'],
    dataPath: '/prometheus',
    probe: 'TCP 9090',
  },
  {
    // HEALTHCHECK CMD /mailpit readyz; a temporary database by default.
    image: 'axllent/mailpit:v1.21.8',
    from: [`${MAILPIT}#L24-L30`, `${MAILPIT_STORAGE}#L23-L25`],
    uid: 65534, gid: 65534,
    writable: ['/tmp'],
    probe: '/mailpit',
  },
  {
    // adduser -D -u 1000 mailhog; USER mailhog; EXPOSE 1025 8025.
    image: 'mailhog/mailhog:v1.0.1',
    from: [`${MAILHOG}#L25-L27`, `${MAILHOG}#L34`],
    uid: 1000, gid: 1000,
    writable: [],
    probe: 'TCP 1025',
  },
  {
    // USER adminer (adduser -S); php -S on 8080; the entrypoint writes into /var/www/html (writable root).
    image: 'adminer:4.8.1',
    from: [`${ADMINER}#L11-L15`, `${ADMINER}#L58-L61`, `${ADMINER_ENTRYPOINT}#L4-L20`],
    uid: 100, gid: 101,
    writable: [],
    probe: 'TCP 8080',
  },
  {
    // Apache as www-data: the 1777 run and lock directories; VOLUME /var/www/html; EXPOSE 80.
    image: 'wordpress:6.5.5-php8.3-apache',
    from: [`${PHP_APACHE}#L67-L81`, `${PHP_APACHE}#L289`, `${WORDPRESS}#L170`, `${WORDPRESS_ENTRYPOINT}#L43-L46`],
    uid: 33, gid: 33,
    writable: ['/var/www/html', '/var/run/apache2', '/var/lock/apache2', '/tmp'],
    dataPath: '/var/www/html',
    probe: 'TCP 80',
  },
  {
    // The entrypoint writes /etc/phpmyadmin: a writable root.
    image: 'phpmyadmin:5.2.1',
    from: [`${PHPMYADMIN_ENTRYPOINT}#L2-L15`, `${PHP_APACHE}#L289`],
    uid: 33, gid: 33,
    writable: [],
    probe: 'TCP 80',
  },
  {
    // groupadd/useradd 5050, USER pgadmin, VOLUME /var/lib/pgadmin, EXPOSE 80 443.
    image: 'dpage/pgadmin4:8.12',
    from: [`${PGADMIN}#L191-L194`, `${PGADMIN}#L200-L204`],
    uid: 5050, gid: 5050,
    writable: ['/var/lib/pgadmin'],
    dataPath: '/var/lib/pgadmin',
    probe: 'TCP 80',
  },
  {
    // VOLUME /data; EXPOSE 9000 9443 8000.
    image: 'portainer/portainer-ce:2.21.4',
    from: [`${PORTAINER}#L22-L27`],
    uid: 65534, gid: 65534,
    writable: ['/data'],
    dataPath: '/data',
    probe: 'TCP 9000',
  },
  {
    // VOLUME /app/data; HEALTHCHECK node extra/healthcheck.js. The image runs as root: 1000:1000 is chosen, not read.
    image: 'louislam/uptime-kuma:1.23.16',
    from: [`${UPTIME_KUMA_1}#L19-L21`],
    uid: 1000, gid: 1000,
    writable: ['/app/data'],
    dataPath: '/app/data',
    probe: 'node',
  },
  {
    // USER node (rootless stage), data/ made by node; HEALTHCHECK extra/healthcheck in /app.
    image: 'louislam/uptime-kuma:2.0.2',
    from: [`${UPTIME_KUMA_2}#L24`, `${UPTIME_KUMA_2}#L30`, `${UPTIME_KUMA_2}#L40`, `${UPTIME_KUMA_2}#L47-L48`],
    uid: 1000, gid: 1000,
    writable: ['/app/data'],
    dataPath: '/app/data',
    probe: '/app/extra/healthcheck',
  },
];
