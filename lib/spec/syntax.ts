/** What Kubernetes accepts as names and quantities, shared by the checks of specs and profiles. */

/** RFC 1123: object names, namespaces and the host labels of routes. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** A memory or storage quantity in Mi or Gi. */
export const SIZE = /^[1-9][0-9]*(Mi|Gi)$/;
/** A CPU quantity: millicores or cores. */
export const CPU = /^([1-9][0-9]*m|[0-9]+(\.[0-9]+)?)$/;

/** RFC 1035: what Kubernetes 1.28 requires of Service names (a letter first). */
export const DNS_1035_LABEL = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Label values and DNS labels. */
export const LABEL_MAX = 63;
