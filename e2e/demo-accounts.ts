/** The seeded demo accounts (README, "Who uses it"). */
export const DEMO_PASSWORD = "rekindle-demo";
export const ACCOUNTS = {
  admin: { email: "admin@rekindle.test", name: "Alex Admin" },
  marketer: { email: "marketer@rekindle.test", name: "Morgan Marketer" },
  stylist: { email: "ava.stylist@rekindle.test", name: "Ava Thompson" },
} as const;
export type DemoRole = keyof typeof ACCOUNTS;

export const storageStatePath = (role: string) => `e2e/.auth/${role}.json`;
