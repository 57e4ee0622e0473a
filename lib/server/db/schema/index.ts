export * from "./users";
export * from "./clients";
export * from "./orders";
export * from "./audit-log";
export * from "./auth";
export * from "./mailbox";
export * from "./settings";
export * from "./api-keys";
