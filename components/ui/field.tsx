import { cloneElement, type ComponentProps, isValidElement, type ReactNode } from "react";
import { cn } from "./cn";

const inputClass =
  "block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm text-stone-900 shadow-sm ring-1 ring-stone-300 placeholder:text-stone-400 focus:ring-2 focus:ring-ember-500 focus:outline-none aria-[invalid=true]:ring-red-400";

/**
 * A labelled control with its hint and its error, each tied to the control for screen readers: the error through
 * errorProps, the hint (shown while there is no error) here, on a control that names no description of its own.
 */
export function Field({ id, label, hint, error, children, className }: { id: string; label: string; hint?: string; error?: string; children: ReactNode; className?: string }) {
  const describedByHint = hint && !error && isValidElement<{ "aria-describedby"?: string }>(children) && !children.props["aria-describedby"];
  return (
    <div className={cn("space-y-1.5", className)}>
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      {describedByHint ? cloneElement(children, { "aria-describedby": `${id}-hint` }) : children}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-xs text-stone-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function errorProps(id: string, error?: string) {
  return error ? { "aria-invalid": true as const, "aria-describedby": `${id}-error` } : {};
}

export function Input({ className, ...props }: ComponentProps<"input">) {
  return <input className={cn(inputClass, className)} {...props} />;
}

export function Select({ className, ...props }: ComponentProps<"select">) {
  return <select className={cn(inputClass, "pr-8", className)} {...props} />;
}

export function Textarea({ className, ...props }: ComponentProps<"textarea">) {
  return <textarea className={cn(inputClass, className)} {...props} />;
}
