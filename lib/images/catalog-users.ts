/**
 * Users that compose files name (`user: node`, `user: www-data`) in base
 * images that the catalog does not run as they are, by image; catalog entries
 * list their own in `users`.
 */
import { UserSpec } from '../spec/types';

/** A base image's user names and their UID and GID (the alpine variant's where they differ). */
export interface BaseImageUsers {
  readonly repositories: readonly string[];
  readonly users: Readonly<Record<string, UserSpec>>;
  readonly alpineUsers?: Readonly<Record<string, UserSpec>>;
}

export const BASE_IMAGE_USERS: readonly BaseImageUsers[] = [
  { repositories: ['node'], users: { node: { uid: 1000, gid: 1000 } } },
  { repositories: ['unit', 'nginx/unit'], users: { unit: { uid: 999, gid: 999 } } },
  { repositories: ['php', 'wordpress', 'nextcloud', 'drupal', 'joomla'], users: { 'www-data': { uid: 33, gid: 33 } }, alpineUsers: { 'www-data': { uid: 82, gid: 82 } } },
  { repositories: ['grafana/grafana', 'grafana/grafana-oss'], users: { grafana: { uid: 472, gid: 0 } } },
];

/** Users every Debian and Alpine based image has. */
export const COMMON_USERS: Readonly<Record<string, UserSpec>> = { root: { uid: 0, gid: 0 }, nobody: { uid: 65534, gid: 65534 } };
