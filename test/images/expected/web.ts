/**
 * What the pods of the web group's images must get, written from their
 * Dockerfiles and entrypoints (the lines in `from`).
 */
import { ExpectedPod } from './types';
import {
  ADMINER, ADMINER_ENTRYPOINT, CADDY, CADDY_ROOTLESS, GRAFANA, GRAFANA_RUN, HTTPD, HTTPD_ALPINE, HTTPD_FOREGROUND, KC_SH, KEYCLOAK, MAILHOG, MAILPIT,
  MAILPIT_STORAGE, NGINX, NGINX_UNPRIVILEGED, PGADMIN, PHPMYADMIN_ENTRYPOINT, PHP_APACHE, PORTAINER, PROMETHEUS, TRAEFIK, UPTIME_KUMA_1,
  UPTIME_KUMA_2, WORDPRESS, WORDPRESS_ENTRYPOINT
} from '../../../lib/images/catalog-web-sources';

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
