// oidc-provider ships no types; the declaration lives beside the stand-in that uses it.
/// <reference path="../../generator/src/sandbox/oidc-provider.d.ts" />
