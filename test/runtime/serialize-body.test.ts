import { describe, expect, it } from "vitest";
import { mediaKind, serializeBody } from "../../runtime/src/internal.js";

describe("request bodies follow their media type", () => {
  it("form media types, with or without parameters, take a record of fields", () => {
    expect(serializeBody({ a: "1", b: "x y" }, "application/x-www-form-urlencoded; charset=utf-8")).toBe("a=1&b=x+y");
    expect(serializeBody({ a: "1" }, "application/x-www-form-urlencoded")).toBe("a=1");
  });

  it("JSON media types encode every value as JSON, a string too", () => {
    expect(serializeBody("hello", "application/json")).toBe('"hello"');
    expect(serializeBody({ a: 1 }, "application/vnd.oracle+json; charset=utf-8")).toBe('{"a":1}');
    expect(serializeBody([1, 2], undefined)).toBe("[1,2]");
  });

  it("text and XML take the string as it is; binary and FormData pass through", () => {
    expect(serializeBody("<a/>", "application/xml")).toBe("<a/>");
    expect(serializeBody("note", "text/plain; charset=utf-8")).toBe("note");
    const blob = new Blob(["x"]);
    expect(serializeBody(blob, "application/octet-stream")).toBe(blob);
    const form = new FormData();
    expect(serializeBody(form, "multipart/form-data")).toBe(form);
  });

  it("classifies media types once for everyone", () => {
    expect(
      [
        "application/json",
        "application/problem+json",
        "*/*",
        "text/csv",
        "application/atom+xml",
        "application/x-www-form-urlencoded;charset=UTF-8",
        "multipart/mixed",
        "application/pdf",
      ].map(mediaKind),
    ).toEqual(["json", "json", "json", "text", "text", "form", "multipart", "blob"]);
  });
});
