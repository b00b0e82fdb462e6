#!/usr/bin/env node
import module from "node:module";

// Node 22.1 and later keep V8's compiled code between runs (TypeScript alone is 9 MB of JavaScript to compile
// on every start); where the function does not exist this does nothing.
module.enableCompileCache?.();
await import("../dist/cli.js");
