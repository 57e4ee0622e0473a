// For scripts that render React Email: they run without the react-server condition (react-dom/server refuses it),
// so "server-only" — which only the react-server condition lets through — resolves to an empty module instead.
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(`export async function resolve(specifier, context, next) {
      if (specifier === "server-only") return { url: "data:text/javascript,export {};", shortCircuit: true };
      return next(specifier, context);
    }`),
);
