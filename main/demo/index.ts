/** The demo-data generator (DESIGN.md "main/demo/ the demo reseller, built through the handler table"): `npm run cli -- demo`, the window's "Try the demo" (main/handlers/workspace.ts, in its own file), the benchmark. */
export { generateDemo, type DemoOptions, type TableFactory } from './generate';
export { planDemo, NOTHING_EXISTING, type DemoPlan, type DemoExisting, type PlannedClient } from './plan';
export { writeDemoCdrCsv, unknownAccountCallCount, type DemoCallOptions, type DemoCallFile } from './calls';
export { createReseller, type DemoClock, type ResellerCounts } from './reseller';
