/** The <option>s for choosing a stylist; callers add their own first options ("All", "Unassigned"). */
export function StylistOptions({ stylists }: { stylists: { id: string; name: string }[] }) {
  return stylists.map((s) => (
    <option key={s.id} value={s.id}>
      {s.name}
    </option>
  ));
}
