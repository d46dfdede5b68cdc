/**
 * The end of every `switch` (or if-chain) over a closed union such as a
 * service kind: the compiler refuses the call while some member has no case,
 * naming the member, and a value that slips past the types at run time (a
 * chart written in plain JavaScript) fails with a message instead of
 * rendering nothing.
 *
 * @param what the union, as the message names it (`service kind`)
 */
export function exhaustive(value: never, what: string): never {
  throw new Error(`unknown ${what} '${typeof value === 'object' ? JSON.stringify(value) : String(value)}'; add a case for it`);
}
