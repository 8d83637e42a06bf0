// What the extension loads only when a delivery runs or its timeline is shown (dist/delivery-engine.js,
// a second bundle: see esbuild.mjs). Pure; its errors are told apart by shape, its texts by core/l10n's shared slot.
export { allDelivered, runDelivery, timelineJson } from './engine';
export { answerExcerpt, deliveryLabel, describeAttempt, describeOutcome, describeRun, summarizeTimeline } from './summary';
