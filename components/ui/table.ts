/** The header row of a data table: small, spaced capitals on a light band. */
export const tableHeadClass = "bg-stone-50 text-xs tracking-wide text-stone-500 uppercase";
