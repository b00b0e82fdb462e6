// oidc-provider ships no type declarations; the stand-in only needs it loosely typed.
declare module "oidc-provider" {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const Provider: any;
  export default Provider;
  /** OAuth error classes (`InvalidGrant`, `InvalidRequest`, ...) that grant handlers throw. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  export const errors: any;
}
