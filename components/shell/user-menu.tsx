import type { UserActor } from "@/lib/domain/access/policy";
import { signOutAction } from "@/app/(auth)/actions";

const ROLE_LABELS = { admin: "Admin", marketer: "Marketer", stylist: "Stylist" } as const;

export function UserMenu({ actor }: { actor: UserActor }) {
  return (
    <div className="flex items-center justify-between gap-3 border-t border-white/10 px-3 pt-4">
      <div className="min-w-0">
        <p className="truncate text-sm font-medium text-white" data-testid="current-user">
          {actor.name}
        </p>
        <p className="truncate text-xs text-stone-400">{ROLE_LABELS[actor.role]}</p>
      </div>
      <form action={signOutAction}>
        <button type="submit" className="rounded-md px-2 py-1 text-xs font-medium text-stone-300 ring-1 ring-white/15 hover:bg-white/10 hover:text-white">
          Sign out
        </button>
      </form>
    </div>
  );
}
