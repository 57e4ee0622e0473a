export { ARCHETYPES, DAY_MS, HISTORY_DAYS, type Archetype } from "./archetypes";
export { BUDGET_BANDS, STYLES, type DemoBudgetBand } from "./catalog";
export {
  createDemoContext,
  DEFAULT_CHUNK_SIZE,
  DEFAULT_CLIENT_COUNT,
  generateDemoClient,
  generateDemoClientChunks,
  type DemoContext,
  type DemoDataOptions,
} from "./generate-demo-data";
export { DEFAULT_STYLIST_COUNT, demoStaff } from "./staff";
export { DEMO_ORDER_SOURCE, type DemoClient, type DemoClientSizes, type DemoOrder, type DemoOrderStatus, type DemoRole, type DemoUser } from "./types";
