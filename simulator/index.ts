// Public entry of the Fruxon API simulator. Importing this module starts nothing; call startSimulator.
export { startSimulator } from './server';
export { currentHour } from './clock';
export type {
  Agent, DriftKind, ExecutionRecord, Fault, RecordMeta, RequestLogEntry, RouteName, Sample, SimData, Simulator,
  SimulatorOptions, SpecialRef, Step, StepResult, Variants,
} from './types';
export type { RunScript, SseEvent } from './scripted';
