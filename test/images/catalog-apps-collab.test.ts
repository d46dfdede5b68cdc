/**
 * A tag variant picks its own catalog entry: gitea's -rootless tags run as
 * their USER with no root entrypoint, the s6 tags need root; nextcloud's fpm
 * tags listen for FastCGI on 9000 (www-data 82 on Alpine), the others are Apache on 80.
 */
import { catalogEntry } from '../../lib/images/catalog';
import { knowledgeOf } from '../../lib/images/knowledge';

test.each([
  ['gitea/gitea:1.22.3-rootless', 'rootless'],
  ['gitea/gitea:latest-rootless', 'rootless'],
  ['gitea/gitea:1-rootless', 'rootless'],
  ['docker.gitea.com/gitea:1.23.1-rootless', 'rootless'],
  ['gitea/gitea:1.22.3', undefined],
  ['gitea/gitea:latest', undefined],
  ['gitea/gitea', undefined],
  ['nextcloud:fpm-alpine', 'fpm'],
  ['nextcloud:31-fpm', 'fpm'],
  ['docker.io/library/nextcloud:30.0.4-fpm', 'fpm'],
  ['nextcloud:stable-fpm', 'fpm'],
  ['nextcloud:31-apache', undefined],
  ['nextcloud:stable', undefined],
  ['nextcloud', undefined],
])('%s takes the entry of tag variant %s', (image, variant) => {
  expect(catalogEntry(image)?.tagVariant).toBe(variant);
});

test('gitea\'s s6 tags need root, its -rootless tags do not', () => {
  expect(knowledgeOf('gitea/gitea:1.22.3').rootEntrypoint?.does).toMatch(/su-exec/);
  expect(knowledgeOf('gitea/gitea:1.22.3-rootless').rootEntrypoint).toBeUndefined();
  expect(knowledgeOf('gitea/gitea:1.22.3-rootless').ports.map(p => p.port)).toEqual([3000, 2222]);
});

test('nextcloud\'s fpm tags serve FastCGI on 9000, as www-data 82 on Alpine', () => {
  expect(knowledgeOf('nextcloud:31-fpm-alpine').ports).toEqual([{ name: 'fastcgi', port: 9000, http: false }]);
  expect(knowledgeOf('nextcloud:31-fpm-alpine').user).toEqual({ uid: 82, gid: 82 });
  expect(knowledgeOf('nextcloud:31-fpm').user).toEqual({ uid: 33, gid: 33 });
  expect(knowledgeOf('nextcloud:31-apache').ports[0]).toEqual({ name: 'http', port: 80, http: true });
});
