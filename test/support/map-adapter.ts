// The storage adapter of the identity-domain stand-in lives with it in the generator package.
export * from "../../sandbox/src/map-adapter.js";
