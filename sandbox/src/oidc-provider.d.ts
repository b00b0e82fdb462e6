// oidc-provider ships no type declarations; the stand-in only needs it loosely typed.
declare module "oidc-provider" {
  // biome-ignore lint/suspicious/noExplicitAny: oidc-provider ships no types
  const Provider: any;
  export default Provider;
  /** OAuth error classes (`InvalidGrant`, `InvalidRequest`, ...) that grant handlers throw. */
  // biome-ignore lint/suspicious/noExplicitAny: oidc-provider ships no types
  export const errors: any;
}
