// @oic-gen/runtime/node: everything of the web entry, plus what needs Node.js. The web entry never imports
// these: they are injected (`authorizationCode` here defaults to the loopback login; stores are passed in).
export * from "./index.js";
export { authorizationCode, type NodeAuthorizationCodeOptions } from "./node/authorization-code.js";
export { deviceCode, printDeviceCode, type NodeDeviceCodeOptions } from "./node/device-code.js";
export { readPrivateKey } from "./node/private-key-file.js";
export { loopbackLogin, type LoopbackLoginOptions } from "./node/loopback-mode.js";
export { receiveLoopbackCallback, type LoopbackCallbackOptions } from "./node/loopback-login.js";
export { openSystemBrowser } from "./node/open-browser.js";
export { fileTokenStore, type FileTokenStore, type FileTokenStoreOptions } from "./node/file-token-store.js";
export { userCacheDir } from "./node/cache-dir.js";
export { cliLoginStore, cliLoginName, type CliLoginStore } from "./node/cli-login-store.js";
export { userStateDir } from "./node/state-dir.js";
