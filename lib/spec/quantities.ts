/** A memory or storage quantity in whole mebibytes or gibibytes: `256Mi`, `10Gi`. */
export const SIZE = /^[1-9][0-9]*(Mi|Gi)$/;
