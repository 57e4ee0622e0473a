import type { ReactNode } from "react";

/**
 * The widths, in SVG units, a chart is drawn at: a phone's and a wider screen's. An SVG's text scales with its
 * drawing, so one drawing at 640 units shown 320 px wide has 11-unit labels at 5.5 px; at these two, about 11 px on both.
 */
const CHART_WIDTHS = { phone: 340, wide: 640 } as const;

/** A chart drawn at both widths, one displayed per screen size (the other is out of the accessibility tree too). */
export function AtTwoWidths({
  draw,
}: {
  draw: (width: number, className: string) => ReactNode;
}) {
  return (
    <>
      {draw(CHART_WIDTHS.phone, "sm:hidden")}
      {draw(CHART_WIDTHS.wide, "hidden sm:block")}
    </>
  );
}
