import { describe, expect, it } from "vitest";
import { loneSurrogatePath, parseJsonBody, quoteLongIntegers, storableJson } from "./safe-json";

describe("JSON with 64-bit ids", () => {
  it("keeps long integer ids exact as strings and leaves everything else alone", () => {
    const parsed = parseJsonBody('{"id":820982911946154508,"n":42,"price":"199.00","neg":-1234567890123456789,"f":1.5e3,"s":"820982911946154508 \\" 9999999999999999"}');
    expect(parsed).toEqual({ ok: true, value: { id: "820982911946154508", n: 42, price: "199.00", neg: "-1234567890123456789", f: 1500, s: '820982911946154508 " 9999999999999999' } });
  });

  it("returns the same text when nothing needs quoting", () => {
    const text = '{"a":[1,2,3],"b":"x"}';
    expect(quoteLongIntegers(text)).toBe(text);
  });

  it("reports malformed JSON", () => {
    const parsed = parseJsonBody('{"a":');
    expect(parsed.ok).toBe(false);
  });

  it("refuses a NUL character, which no text column can store, but not a literal backslash-u-0000", () => {
    expect(parseJsonBody('{"name":"Ada\\u0000"}')).toMatchObject({ ok: false, message: expect.stringMatching(/NUL/) });
    expect(parseJsonBody('{"name":"Ada\u0000"}')).toMatchObject({ ok: false });
    expect(parseJsonBody('{"name":"C:\\\\u0000"}')).toEqual({ ok: true, value: { name: "C:\\u0000" } });
  });
});

describe("lone UTF-16 surrogates", () => {
  it("names the first string or key holding half a pair, and leaves whole pairs alone", () => {
    expect(loneSurrogatePath({ a: ["ok", { b: "x\ud800" }] })).toBe("a[1].b");
    expect(loneSurrogatePath({ a: "\udc00" })).toBe("a");
    expect(loneSurrogatePath({ ["k\ud800"]: 1 })).toBe("k\ufffd");
    expect(loneSurrogatePath({ a: "\ud83d\ude00" })).toBeNull();
    expect(parseJsonBody('{"event_id":"\\ud800"}')).toMatchObject({ ok: false, path: "event_id" });
    expect(parseJsonBody('{"name":"\\ud83d\\ude00"}')).toEqual({ ok: true, value: { name: "\ud83d\ude00" } });
  });
});

describe("storableJson", () => {
  it("drops NUL and replaces half a surrogate pair in keys and strings, deep, and leaves the rest as it was", () => {
    const value = { "a\u0000b": ["x\u0000", { note: "\ud800ok", n: 3, yes: true, none: null }], emoji: "\ud83d\ude00" };
    expect(storableJson(value)).toEqual({ ab: ["x", { note: "\ufffdok", n: 3, yes: true, none: null }], emoji: "\ud83d\ude00" });
  });
});
