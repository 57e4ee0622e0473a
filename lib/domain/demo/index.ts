export { ARCHETYPES, DAY_MS, HISTORY_DAYS, type Archetype } from "./archetypes";
export {
  createDemoContext,
  DEFAULT_CLIENT_COUNT,
  generateDemoClientChunks,
} from "./generate-demo-data";
export { demoStaff } from "./staff";
export { DEMO_ORDER_SOURCE, type DemoClient, type DemoUser } from "./types";
