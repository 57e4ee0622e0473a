import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export default function Forbidden() {
  return (
    <div className="grid min-h-[60dvh] place-items-center px-6 text-center">
      <div>
        <p className="text-sm font-semibold text-ember-600">403</p>
        <h1 className="mt-2 text-2xl font-semibold text-stone-900">This page is not open to your role</h1>
        <p className="mt-2 text-sm text-stone-600">Ask an admin if you need access.</p>
        <Link href="/clients" className={buttonClass("secondary", "mt-6")}>
          Back to clients
        </Link>
      </div>
    </div>
  );
}
