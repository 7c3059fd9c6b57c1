// The few numbers the Reading step decides with. Each was chosen by cross-validation on the
// training data (`npm run eval:understanding -- --curves` prints the curves), never by looking at
// the measuring sets; docs/understanding.md shows each curve and why the value sits where it does.

export interface ReadingSettings {
  /** From this calibrated probability on, the likeliest topic is acted on; below it, a passage, options or a question back. */
  topicConfidence: number;
  /** From this probability on, a sentence of the brand's documents is taken to answer the question. */
  passageConfidence: number;
  /** An option of a "Did you mean…" has at least this probability. */
  plausibleFloor: number;
  /** A question asked at a prompt is answered from its likeliest topic from this probability (the prompt could not use it). */
  digressionConfidence: number;
  /** "Cancel", "start over", "say that again" and the like are acted on from this probability. */
  steeringConfidence: number;
}

export const READING_SETTINGS: ReadingSettings = {
  topicConfidence: 0.5,
  passageConfidence: 0.6,
  plausibleFloor: 0.12,
  digressionConfidence: 0.3,
  steeringConfidence: 0.4,
};
