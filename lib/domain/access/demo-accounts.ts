/** The password every seeded demo account gets, for local use only; production refuses to start while any active account still has it. */
export const DEMO_PASSWORD = "rekindle-demo";
