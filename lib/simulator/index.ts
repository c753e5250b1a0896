export { startSimulator, type SimulatorHandle, type StartSimulatorOptions } from "./server";
export { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, RECENTLY_PLAYED_WINDOW, SimulatorState, type Fault, type FaultKind, type LogEntry } from "./state";
export * from "./catalogue";
export type { AppQuota } from "./spotify-objects";
