/**
 * The files the web images' facts were read from, at pinned commits
 * (the catalog and the pod expectations cite lines of these).
 */
export const NGINX = 'https://github.com/nginxinc/docker-nginx/blob/4bf0763f4977fff7e9648add59e0540088f3ca9f/mainline/debian/Dockerfile';
export const NGINX_ENVSUBST = 'https://github.com/nginxinc/docker-nginx/blob/2f4acce0edfc7267e33f35c68e4b669f16705671/entrypoint/20-envsubst-on-templates.sh';
export const NGINX_UNPRIVILEGED = 'https://github.com/nginxinc/docker-nginx-unprivileged/blob/4553e5b9081dd1d0e72f95f491a66e60f451fc41/mainline/debian/Dockerfile';
export const HTTPD = 'https://github.com/docker-library/httpd/blob/f3b7fd9c8ef59d1ad46c8b2a27df3e02d822834f/2.4/Dockerfile';
export const HTTPD_ALPINE = 'https://github.com/docker-library/httpd/blob/0db1d55dbc9224c7256946c872dcaaf7e9308132/2.4/alpine/Dockerfile';
export const HTTPD_FOREGROUND = 'https://github.com/docker-library/httpd/blob/e927bc677ef50b1f63cab483287d5560aa5dd9fe/2.4/alpine/httpd-foreground';
export const TRAEFIK = 'https://github.com/traefik/traefik-library-image/blob/00f17bdb165d5fb028b3ca35232acbd9b1449af5/v3.6/alpine/Dockerfile';
export const CADDY = 'https://github.com/caddyserver/caddy-docker/blob/74e20237701d1909f31428214cf19c52b04f860e/2.10/alpine/Dockerfile';
export const CADDY_ROOTLESS = 'https://github.com/caddyserver/caddy-docker/blob/ca6f0a471f5782346346845addb5349961447e1e/2.10/rootless/Dockerfile';
export const KEYCLOAK = 'https://github.com/keycloak/keycloak/blob/0463815bc93acbe22cf0b347af7cbd11e5a56d65/quarkus/container/Dockerfile';
export const KC_SH = 'https://github.com/keycloak/keycloak/blob/014f6c38da515c7d130a7fc570e34b0ef817e183/quarkus/dist/src/main/content/bin/kc.sh';
export const GRAFANA = 'https://github.com/grafana/grafana/blob/78515af65f036f536c4ab2e6fdb5484552f99f1f/Dockerfile';
export const GRAFANA_RUN = 'https://github.com/grafana/grafana/blob/07754534fbafa7e7e18e7272e552c166f1afae28/packaging/docker/run.sh';
export const PROMETHEUS = 'https://github.com/prometheus/prometheus/blob/b5c61f3e9a36ed399da703f2ca4c9771db78c328/Dockerfile';
export const MAILPIT = 'https://github.com/axllent/mailpit/blob/13901cc87f51b7e9c2dcee2a82c21e2303ba0a3c/Dockerfile';
export const MAILPIT_STORAGE = 'https://github.com/axllent/mailpit-website/blob/0337865a402d7f596a9cc0a5d3b2f5723512bdd3/content/docs/configuration/email-storage.md';
export const MAILHOG = 'https://github.com/mailhog/MailHog/blob/12eb3dfb7d5dbcc3fc0d6574773d932375d8e023/Dockerfile';
export const ADMINER = 'https://github.com/TimWolla/docker-adminer/blob/e99525348b7c21a8a254e6b2b42b7c254003376d/5/Dockerfile';
export const ADMINER_ENTRYPOINT = 'https://github.com/TimWolla/docker-adminer/blob/368068cd4a4ba5baa13ec74b9a86edce9d785451/4/entrypoint.sh';
export const PHP_APACHE = 'https://github.com/docker-library/php/blob/910674b44ecb630c9831d3bdf4f82aa2adb6bfe5/8.3/bookworm/apache/Dockerfile';
/** The base of the wordpress fpm-alpine tags (www-data is 82 there). */
export const PHP_FPM_ALPINE = 'https://github.com/docker-library/php/blob/910674b44ecb630c9831d3bdf4f82aa2adb6bfe5/8.3/alpine3.20/fpm/Dockerfile';
export const WORDPRESS = 'https://github.com/docker-library/wordpress/blob/2007d5d69bfa13fd2af075a786bbf544e9f6cbe8/latest/php8.3/apache/Dockerfile';
export const WORDPRESS_ENTRYPOINT = 'https://github.com/docker-library/wordpress/blob/e2e035cbda2b0f8c0be092a7472338a1eec31178/docker-entrypoint.sh';
export const PHPMYADMIN = 'https://github.com/phpmyadmin/docker/blob/030928a01e4ffa6b2b52ebebd07de30b38c93caf/apache/Dockerfile';
export const PHPMYADMIN_ENTRYPOINT = 'https://github.com/phpmyadmin/docker/blob/2ee310d5d8d38924fd579dc96a9842b2986d8b13/apache/docker-entrypoint.sh';
export const PORTAINER = 'https://github.com/portainer/portainer/blob/17b2322b92542d0efbf9cf6e22fa898471ea8da1/build/linux/Dockerfile';
export const UPTIME_KUMA_1 = 'https://github.com/louislam/uptime-kuma/blob/03ac511b058c809ecc66605db6bba5aee48300f5/docker/dockerfile';
export const UPTIME_KUMA_1_ENTRYPOINT = 'https://github.com/louislam/uptime-kuma/blob/bc4db6c692e44bcb91f1c17a26d41e55adec5aac/extra/entrypoint.sh';
export const PGADMIN = 'https://github.com/pgadmin-org/pgadmin4/blob/36c9eb3dfd9202c5ab46272d573619c75cfdd79a/Dockerfile';
export const UPTIME_KUMA_2 = 'https://github.com/louislam/uptime-kuma/blob/a6bb0dec7171d5d01c46b69704af097b77040d9d/docker/dockerfile';
