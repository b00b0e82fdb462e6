// oidc-provider ships no types; the declaration lives beside the stand-in that uses it.
/// <reference path="../../sandbox/src/oidc-provider.d.ts" />
