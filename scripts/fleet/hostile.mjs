// What a code generator must never trust: property names and operationIds that collide with JavaScript,
// TypeScript or object internals, and texts that try to leave a comment or a string. `--hostile` fleets mix
// these in; every one of them appears in a fleet of a few dozen integrations, whatever the seed.

/** Property names that must keep their wire spelling and still compile. */
export const HOSTILE_PROPERTY_NAMES = [
  "class",
  "function",
  "default",
  "delete",
  "constructor",
  "__proto__",
  "1stLine",
  "näme",
  "with space",
  "with-dash",
  "$ref",
  "then",
  "await",
  "import",
  "toString",
];

/** Texts that would run, or break the file, if pasted into generated code unescaped. */
export const HOSTILE_TEXTS = [
  "ends a comment */ console.log('pwned') /*",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a spec text that must stay text in generated code
  "backtick ` and ${injection} in a template",
  "line\nbreak, \u2028 line separator and \u2029 paragraph separator",
  "</script><!-- html --> & \"double\" 'single' quotes",
  "emoji 🚚, 中文 and a NUL-free \\u0000 escape",
  "*/ }); globalThis.pwned = true; /*",
];

/** operationIds that are reserved words, not identifiers, or repeated within one spec. */
export const HOSTILE_OPERATION_IDS = [
  "execute",
  "default",
  "delete",
  "get-order",
  "1op",
  "execute",
  "constructor",
  "__proto__",
];
