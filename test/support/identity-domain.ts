// The identity-domain stand-in ships with `oic-gen sandbox`; tests use the same code.
export * from "../../sandbox/src/identity-domain.js";
