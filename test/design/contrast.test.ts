import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/** oklch → linear sRGB (Björn Ottosson's matrices), clipped to the gamut as a browser shows it. */
function linearRgb(l: number, c: number, hue: number): [number, number, number] {
  const a = c * Math.cos((hue * Math.PI) / 180);
  const b = c * Math.sin((hue * Math.PI) / 180);
  const l3 = (l + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m3 = (l - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s3 = (l - 0.0894841775 * a - 1.291485548 * b) ** 3;
  const clip = (v: number) => Math.min(1, Math.max(0, v));
  return [
    clip(4.0767416621 * l3 - 3.3077115913 * m3 + 0.2309699292 * s3),
    clip(-1.2684380046 * l3 + 2.6097574011 * m3 - 0.3413193965 * s3),
    clip(-0.0041960863 * l3 - 0.7034186147 * m3 + 1.707614701 * s3),
  ];
}

function contrastWithWhite(token: string): number {
  const css = readFileSync("app/globals.css", "utf8");
  const match = new RegExp(`--color-${token}:\\s*oklch\\(([\\d.]+) ([\\d.]+) ([\\d.]+)\\)`).exec(css);
  if (!match) throw new Error(`no ${token} in globals.css`);
  const [r, g, b] = linearRgb(Number(match[1]), Number(match[2]), Number(match[3]));
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return 1.05 / (luminance + 0.05);
}

describe("colours", () => {
  it("white text on the primary buttons' orange meets WCAG AA (4.5:1)", () => {
    expect(contrastWithWhite("ember-600")).toBeGreaterThanOrEqual(4.5);
    expect(contrastWithWhite("ember-700")).toBeGreaterThanOrEqual(4.5);
  });
});
