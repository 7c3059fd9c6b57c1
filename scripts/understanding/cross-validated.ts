// Cross-validated figures of the Reading step's models on their own training data: each example
// scored by a model trained without it (5 folds, the same recipe `npm run train` uses). These are
// the figures the models are chosen and their thresholds set by; the measuring sets are never used.
import type { BrandId } from '../../knowledge/brand-ids.js';
import { loadAnswerabilityModel, trainAnswerabilityModel } from '../../knowledge/reading/answerability.js';
import { fitTemperature, outOfFold, stratifiedFolds } from '../../knowledge/reading/learning/cross-validation.js';
import { largestAt, softmax } from '../../knowledge/reading/learning/linear-model.js';
import { trainLinearModel, type TrainingExample, type TrainingSettings } from '../../knowledge/reading/learning/train-linear-model.js';
import { RECIPES, actExamples, answerabilityRows, slotExamples, topicExamples, type ReadingModels } from '../../knowledge/reading/reading-models.js';
import type { Recognizers } from '../../knowledge/reading/recognizers.js';
import type { TopicKnowledge } from '../../knowledge/reading/topic-reading.js';

export const FOLDS = 5;

/** One example's held-out reading: its label, the classes, and the calibrated probabilities. */
export interface HeldOut {
  source: string;
  label: string;
  probabilities: readonly number[];
  classes: readonly string[];
  /** What the bot had said, for dialogue acts. */
  contexts?: readonly string[];
}

/** Every example scored by a model trained on the other folds, with a temperature fitted on all of them. */
export function heldOutReadings(name: string, examples: ReadonlyArray<TrainingExample & { source: string }>, settings: TrainingSettings): { readings: HeldOut[]; temperature: number } {
  const classes = [...new Set(examples.map((example) => example.label))].sort();
  const folds = stratifiedFolds(examples.map((example) => `${example.label}|${example.source}`), FOLDS);
  const logits = outOfFold(examples, folds, FOLDS, (training) => {
    const model = trainLinearModel(name, training, settings, classes);
    return { logitsOf: (example) => model.logitsOf(example.text, example.contexts) };
  });
  const labels = examples.map((example) => classes.indexOf(example.label));
  const temperature = fitTemperature(logits, labels);
  return {
    temperature,
    readings: examples.map((example, at) => ({
      source: example.source,
      label: example.label,
      classes,
      probabilities: softmax(logits[at] ?? new Array<number>(classes.length).fill(0), temperature),
      ...(example.contexts === undefined ? {} : { contexts: example.contexts }),
    })),
  };
}

export function likeliestOf(reading: HeldOut): { label: string; probability: number } {
  const best = largestAt(reading.probabilities);
  return { label: reading.classes[best] ?? '', probability: reading.probabilities[best] ?? 0 };
}

export function share(part: number, whole: number): number {
  return whole === 0 ? 0 : (100 * part) / whole;
}

/** The topic model's held-out readings. */
export function topicReadings() {
  return heldOutReadings('topic', topicExamples(), RECIPES.topic.settings);
}

export function actReadings(recognizers: Pick<Recognizers, 'yesNo'>) {
  return heldOutReadings('act', actExamples(recognizers), RECIPES.act.settings);
}

export function slotReadings(file: 'item-condition.csv' | 'problem.csv' | 'urgency.csv') {
  return heldOutReadings(file, slotExamples(file), RECIPES.slots.settings);
}

/** Accuracy of held-out readings, overall or for some of them. */
export function accuracy(readings: readonly HeldOut[], which: (reading: HeldOut) => boolean = () => true): { right: number; total: number; percent: number } {
  const chosen = readings.filter(which);
  const right = chosen.filter((reading) => likeliestOf(reading).label === reading.label).length;
  return { right, total: chosen.length, percent: share(right, chosen.length) };
}

export interface AnswerabilityFigures {
  /** Questions the documents answer whose best passage over the bar is from the right section. */
  answered: number;
  answerable: number;
  /** Questions quoted a passage that does not answer them (an answerable one the wrong one, or one the documents do not answer). */
  wrongQuotes: number;
  questions: number;
}

/**
 * The answerability check, question by question, held out by fold of questions, at a probability
 * bar: `known`, the brands as they are (the team's questions summed by section); `unseen`, the same
 * questions as a store added as a folder meets them, with no questions of its own; `bare`, as such
 * a store with an empty brand.yaml meets them.
 */
export function answerabilityFigures(
  knowledge: TopicKnowledge & { brandIds: readonly BrandId[] },
  models: Pick<ReadingModels, 'topic'>,
  bars: readonly number[],
): Record<'known' | 'unseen' | 'bare', Map<number, AnswerabilityFigures>> {
  // Questions are held out by fold, from the model and from the section sums alike.
  const all = answerabilityRows(knowledge, models.topic).rows;
  const questions = [...new Set(all.map((row) => `${row.brand}|${row.question}`))];
  const foldOf = new Map(questions.map((question, at) => [question, at % FOLDS]));
  const scored: Array<{ question: string; view: 'known' | 'unseen' | 'bare'; answers: boolean; probability: number }> = [];
  for (let fold = 0; fold < FOLDS; fold += 1) {
    const { rows, sections } = answerabilityRows(knowledge, models.topic, undefined, (brand, question) => foldOf.get(`${brand}|${question}`) === fold);
    const model = loadAnswerabilityModel(trainAnswerabilityModel(rows.filter((row) => foldOf.get(`${row.brand}|${row.question}`) !== fold), sections));
    for (const row of rows) {
      const question = `${row.brand}|${row.question}`;
      const view = row.bare ? 'bare' : row.unseen ? 'unseen' : 'known';
      if (foldOf.get(question) === fold) scored.push({ question, view, answers: row.answers, probability: model.probability(row.features) });
    }
  }
  const tallied = (view: 'known' | 'unseen' | 'bare'): Map<number, AnswerabilityFigures> => {
    const byQuestion = new Map<string, typeof scored>();
    for (const row of scored) if (row.view === view) byQuestion.set(row.question, [...(byQuestion.get(row.question) ?? []), row]);
    const figures = new Map<number, AnswerabilityFigures>();
    for (const bar of bars) {
      const tally: AnswerabilityFigures = { answered: 0, answerable: 0, wrongQuotes: 0, questions: byQuestion.size };
      for (const hits of byQuestion.values()) {
        const answerable = hits.some((hit) => hit.answers);
        const best = hits.filter((hit) => hit.probability >= bar).sort((a, b) => b.probability - a.probability)[0];
        if (answerable) tally.answerable += 1;
        if (best === undefined) continue;
        if (best.answers) tally.answered += 1;
        else tally.wrongQuotes += 1;
      }
      figures.set(bar, tally);
    }
    return figures;
  };
  return { known: tallied('known'), unseen: tallied('unseen'), bare: tallied('bare') };
}
