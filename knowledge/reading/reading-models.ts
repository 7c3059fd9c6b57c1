// The Reading step's models, trained from the data files in training-data/ (see its README):
// - topic: what a message is about (the catalog's topics, "identity", out of scope);
// - act: what a reply does, read with what the bot had just said (yes, no, a correction …);
// - condition, problem, urgency: an item's condition, what went wrong, "it's urgent".
// - answerability: whether a passage of the documents answers a question.
// `npm install` trains them once (scripts/train-models.ts) and start-up loads them; the key says
// which training data and recipe a saved set came from, so a stale one is noticed.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { BrandId } from '../brand-ids.js';
import type { Answer } from '../knowledge-base.types.js';
import { answerabilityFeatures, loadAnswerabilityModel, questionWords, trainAnswerabilityModel, type AnswerabilityModel, type SavedAnswerabilityModel } from './answerability.js';
import { createSentenceSimilarity, topicDistribution, topicView } from './topic-distribution.js';
import { fitTemperature, stratifiedFolds } from './learning/cross-validation.js';
import { largestAt, loadLinearModel, type LinearModel, type SavedLinearModel } from './learning/linear-model.js';
import { DEFAULT_TRAINING, trainLinearModel, type TrainingExample, type TrainingSettings } from './learning/train-linear-model.js';
import { tokens } from './learning/text-features.js';
import type { Recognizers } from './recognizers.js';
import type { TopicKnowledge } from './topic-reading.js';
import { loadSectionQuestions, sectionKey, sumSectionQuestions, type SavedSectionQuestions } from './section-questions.js';
import {
  TRAINING_DATA_DIR,
  answerabilityQuestions,
  bitextLines,
  clincLines,
  dialogueActLines,
  labelledLines,
  ownTopicLines,
  type LabelledLine,
} from './training-data.js';

/** Bumped when what a saved model means changes (features, recipe, labels). */
export const READING_MODELS_FORMAT = 7;

export interface ReadingModels {
  topic: LinearModel;
  act: LinearModel;
  condition: LinearModel;
  problem: LinearModel;
  urgency: LinearModel;
  answerability: AnswerabilityModel;
}

export interface SavedReadingModels {
  format: typeof READING_MODELS_FORMAT;
  key: string;
  topic: SavedLinearModel;
  act: SavedLinearModel;
  condition: SavedLinearModel;
  problem: SavedLinearModel;
  urgency: SavedLinearModel;
  answerability: SavedAnswerabilityModel;
}

/**
 * How each model is trained. Other people's corpora count less than the team's own lines: Bitext
 * repeats its templates and CLINC150's other domains outnumber every topic (weights chosen by
 * cross-validation, docs/understanding.md).
 */
export const RECIPES = {
  topic: { settings: DEFAULT_TRAINING, weights: { clinc: 0.3, bitext: 0.3 } },
  act: { settings: { ...DEFAULT_TRAINING, shape: { ...DEFAULT_TRAINING.shape, contextWords: true } }, weights: { sgd: 0.5 } },
  slots: { settings: DEFAULT_TRAINING },
} as const;

/** Every training file and the recipe, hashed: the same key means the same models. */
export function trainingKey(dir = TRAINING_DATA_DIR): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ format: READING_MODELS_FORMAT, recipes: RECIPES }));
  const walk = (folder: string): string[] =>
    readdirSync(folder)
      .sort()
      .flatMap((name) => {
        const path = join(folder, name);
        return statSync(path).isDirectory() ? walk(path) : [path];
      });
  for (const path of walk(dir)) {
    if (path.endsWith('.md') || path.includes('LICENSE')) continue;
    hash.update(relative(dir, path));
    hash.update(readFileSync(path));
  }
  return hash.digest('hex').slice(0, 32);
}

/** The topic model's examples: the team's lines, CLINC150's other domains and small talk, and Bitext's lines. */
export function topicExamples(dir = TRAINING_DATA_DIR): Array<TrainingExample & { source: string }> {
  const { clinc, bitext } = RECIPES.topic.weights;
  return [
    ...ownTopicLines(dir).map((line) => ({ text: line.text, label: line.label, source: 'own' })),
    ...clincLines(dir).map((line) => ({ text: line.text, label: line.label, weight: line.label === 'out_of_scope' ? clinc : 1, source: line.label === 'out_of_scope' ? 'clinc-oos' : 'clinc-small-talk' })),
    ...bitextLines(dir).map((line) => ({ text: line.text, label: line.label, weight: bitext, source: 'bitext' })),
  ];
}

/**
 * The context features of a reply: what the bot had just said, and, where the bot asked
 * something, what Bot Framework's yes/no recognizer makes of the reply.
 */
export function actContexts(botSaid: string, text: string, recognizers: Pick<Recognizers, 'yesNo'>): string[] {
  const yesNo = botSaid === 'INFORM' ? undefined : recognizers.yesNo(text);
  return [`bot:${botSaid}`, ...(yesNo === undefined ? [] : [yesNo ? 'says:yes' : 'says:no'])];
}

/**
 * The dialogue-act model's examples: the team's replies and the SGD sample. A question is a
 * question whatever the bot had asked, and SGD's users never ask one at a prompt, so each
 * question is also taught as a reply to a prompt.
 */
export function actExamples(recognizers: Pick<Recognizers, 'yesNo'>, dir = TRAINING_DATA_DIR): Array<TrainingExample & { source: string }> {
  const example = (line: LabelledLine, context: string) => ({
    text: line.text,
    label: line.label,
    contexts: actContexts(context, line.text, recognizers),
    ...(line.source === 'sgd' ? { weight: RECIPES.act.weights.sgd } : {}),
    source: line.source,
  });
  return dialogueActLines(dir).flatMap((line: LabelledLine) => {
    const context = line.context ?? 'INFORM';
    const asked = line.label === 'question' && context !== 'REQUEST' ? [example(line, 'REQUEST')] : [];
    return [example(line, context), ...asked];
  });
}

export function slotExamples(file: 'item-condition.csv' | 'problem.csv' | 'urgency.csv', dir = TRAINING_DATA_DIR): Array<TrainingExample & { source: string }> {
  return labelledLines(file, dir).map((line) => ({ text: line.text, label: line.label, source: 'own' }));
}

/**
 * A model whose temperature is fitted on a fifth of the examples held out from a first training,
 * then trained on all of them: its probabilities say how often it is right.
 */
export function trainCalibrated(name: string, examples: readonly TrainingExample[], settings: TrainingSettings, key: string): SavedLinearModel {
  const classes = [...new Set(examples.map((example) => example.label))].sort();
  const folds = stratifiedFolds(examples.map((example) => example.label), 5);
  const heldOut = examples.filter((_, index) => folds[index] === 0);
  const first = trainLinearModel(name, examples.filter((_, index) => folds[index] !== 0), settings, classes);
  const temperature = fitTemperature(
    heldOut.map((example) => first.logitsOf(example.text, example.contexts)),
    heldOut.map((example) => classes.indexOf(example.label)),
  );
  return trainLinearModel(name, examples, settings, classes).save(temperature, key);
}

const STORE_VIEWS = [{ unseen: false, bare: false }, { unseen: true, bare: false }, { unseen: true, bare: true }] as const;
/** The composed answers of a store whose brand.yaml is empty: they cite nothing. */
const citesNothing = (): Pick<Answer, 'sources'> => ({ sources: [] });

/** Questions of other domains each brand's passages are tried against too: none of them is answered. */
const OTHER_DOMAIN_QUESTIONS_PER_BRAND = 150;

export interface AnswerabilityRow {
  brand: BrandId;
  question: string;
  features: number[];
  answers: boolean;
  /** The row as a store the team wrote no questions for would see it (no section resembles anything). */
  unseen: boolean;
  /** …and whose brand.yaml states nothing either, so no composed answer cites a section. */
  bare: boolean;
}

/**
 * Rows for the answerability model: each of the team's questions against the passages the search
 * finds for it, and questions of other domains (CLINC150's and the team's own out-of-scope lines),
 * which no passage answers however many words they share with one. The team's questions are
 * summed by section for the resemblance feature; `heldOut` questions are left out of the sums (the
 * cross-validation's held-out fold), and each question is measured against the sums without itself.
 */
export function answerabilityRows(
  knowledge: TopicKnowledge & { brandIds: readonly BrandId[] },
  topic: LinearModel,
  dir = TRAINING_DATA_DIR,
  heldOut: (brand: BrandId, question: string) => boolean = () => false,
): { rows: AnswerabilityRow[]; sections: SavedSectionQuestions } {
  const similarity = createSentenceSimilarity(topic);
  const elsewhere = [...clincLines(dir), ...ownTopicLines(dir)].filter((line) => line.label === 'out_of_scope').map((line) => line.text);
  const step = Math.max(1, Math.floor(elsewhere.length / (OTHER_DOMAIN_QUESTIONS_PER_BRAND * Math.max(1, knowledge.brandIds.length))));
  const asked = knowledge.brandIds.map((brand, brandIndex) => ({
    brand,
    questions: [
      ...answerabilityQuestions(brand, dir).map(({ question, answer }) => ({ question, answer, distribution: topicDistribution(topic, tokens(question)) })),
      ...elsewhere
        .filter((_, at) => at % (step * knowledge.brandIds.length) === brandIndex * step)
        .map((question) => ({ question, answer: null, distribution: topicDistribution(topic, tokens(question)) })),
    ],
  }));
  const sections = sumSectionQuestions(
    asked.flatMap(({ brand, questions }) =>
      questions.flatMap(({ question, answer, distribution }) =>
        answer === null || heldOut(brand, question) ? [] : [{ brand, section: sectionKey(answer.document, answer.section), vector: distribution.vector }],
      ),
    ),
  );
  const centroids = loadSectionQuestions(sections);
  // Every question three times: as its brand is (the team's questions summed by section), as a
  // store added as a folder would be, with no questions of its own, and as such a store whose
  // brand.yaml is empty, so no composed answer cites anything: the model answers all three.
  const rows = asked.flatMap(({ brand, questions }) =>
    questions.flatMap(({ question, answer, distribution }) => {
      const index = knowledge.passages(brand);
      const hits = index.search(question);
      const own = answer === null || heldOut(brand, question) ? undefined : sectionKey(answer.document, answer.section);
      const words = questionWords(question);
      return STORE_VIEWS.flatMap(({ unseen, bare }) => {
        const view = !unseen
          ? topicView(knowledge.answer, brand, distribution, similarity, centroids, own)
          : topicView(bare ? citesNothing : knowledge.answer, brand, distribution, similarity, () => undefined, undefined, false);
        return hits.map((hit, rank) => ({
          brand,
          question,
          unseen,
          bare,
          features: answerabilityFeatures(hits, rank, index, view, words),
          answers: answer !== null && hit.sentence.document === answer.document && hit.sentence.section === answer.section,
        }));
      });
    }),
  );
  return { rows, sections };
}

export interface TrainReadingOptions {
  knowledge: TopicKnowledge & { brandIds: readonly BrandId[] };
  recognizers: Pick<Recognizers, 'yesNo'>;
  dir?: string;
  log?: (line: string) => void;
}

export function trainReadingModels(options: TrainReadingOptions): SavedReadingModels {
  const dir = options.dir ?? TRAINING_DATA_DIR;
  const log = options.log ?? (() => undefined);
  const key = trainingKey(dir);
  const timed = <T,>(name: string, train: () => T): T => {
    const started = performance.now();
    const result = train();
    log(`${name}: trained in ${Math.round(performance.now() - started)} ms`);
    return result;
  };
  const topic = timed('topic', () => trainCalibrated('topic', topicExamples(dir), RECIPES.topic.settings, key));
  const act = timed('act', () => trainCalibrated('act', actExamples(options.recognizers, dir), RECIPES.act.settings, key));
  const condition = timed('condition', () => trainCalibrated('condition', slotExamples('item-condition.csv', dir), RECIPES.slots.settings, key));
  const problem = timed('problem', () => trainCalibrated('problem', slotExamples('problem.csv', dir), RECIPES.slots.settings, key));
  const urgency = timed('urgency', () => trainCalibrated('urgency', slotExamples('urgency.csv', dir), RECIPES.slots.settings, key));
  const answerability = timed('answerability', () => {
    const { rows, sections } = answerabilityRows(options.knowledge, loadLinearModel(topic), dir);
    return trainAnswerabilityModel(rows, sections);
  });
  return { format: READING_MODELS_FORMAT, key, topic, act, condition, problem, urgency, answerability };
}

export function loadReadingModels(saved: SavedReadingModels): ReadingModels {
  if (saved.format !== READING_MODELS_FORMAT) throw new Error(`reading models of format ${String(saved.format)}, expected ${READING_MODELS_FORMAT}`);
  return {
    topic: loadLinearModel(saved.topic),
    act: loadLinearModel(saved.act),
    condition: loadLinearModel(saved.condition),
    problem: loadLinearModel(saved.problem),
    urgency: loadLinearModel(saved.urgency),
    answerability: loadAnswerabilityModel(saved.answerability),
  };
}

/** The most likely class of a model for some words, with its probability. */
export function likeliest(model: LinearModel, words: readonly string[], contexts?: readonly string[]): { label: string; probability: number } {
  const probabilities = model.probabilities(words, contexts);
  const best = largestAt(probabilities);
  return { label: model.classes[best] ?? '', probability: probabilities[best] ?? 0 };
}

