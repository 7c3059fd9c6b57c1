// The candidates for the topic model, measured side by side on the same 5 folds of the same
// training data (knowledge/reading/training-data/): cross-validated accuracy on the team's own
// lines, CLINC150's other domains rejected, Bitext, the time to train, and what one message costs.
// docs/understanding.md records a run; the measuring sets are not read here.
//
//   npx tsx scripts/compare-models.ts [--folds 5]
import { Nlp } from '@nlpjs/nlp';
import { LangEn } from '@nlpjs/lang-en';
import { parseArgs } from 'node:util';
import { stratifiedFolds } from '../knowledge/reading/learning/cross-validation.js';
import { featureCountsOfTokens, tokens } from '../knowledge/reading/learning/text-features.js';
import { trainLinearModel, type TrainingExample } from '../knowledge/reading/learning/train-linear-model.js';
import { RECIPES, topicExamples } from '../knowledge/reading/reading-models.js';

type Example = TrainingExample & { source: string };

interface Candidate {
  name: string;
  train(examples: readonly Example[], classes: readonly string[]): Promise<(text: string) => Promise<string>>;
}

/** Multinomial naive Bayes over the same word and letter-sequence counts (add-one smoothing). */
const naiveBayes: Candidate = {
  name: 'naive Bayes (words, pairs, letters 2-4)',
  async train(examples, classes) {
    const shape = RECIPES.topic.settings.shape;
    const counts = new Map<number, Float64Array>();
    const totals = new Float64Array(classes.length);
    const priors = new Float64Array(classes.length);
    for (const example of examples) {
      const at = classes.indexOf(example.label);
      const weight = example.weight ?? 1;
      priors[at] = (priors[at] ?? 0) + weight;
      const { words, chars } = featureCountsOfTokens(tokens(example.text), shape);
      for (const [feature, n] of [...words, ...chars]) {
        let row = counts.get(feature);
        if (row === undefined) counts.set(feature, (row = new Float64Array(classes.length)));
        row[at] = (row[at] ?? 0) + n * weight;
        totals[at] = (totals[at] ?? 0) + n * weight;
      }
    }
    const vocabulary = counts.size;
    const priorTotal = priors.reduce((sum, value) => sum + value, 0);
    return async (text) => {
      const scores = Array.from(priors, (prior) => Math.log(prior / priorTotal));
      const { words, chars } = featureCountsOfTokens(tokens(text), shape);
      for (const [feature, n] of [...words, ...chars]) {
        const row = counts.get(feature);
        if (row === undefined) continue;
        for (let c = 0; c < classes.length; c += 1) scores[c] = (scores[c] ?? 0) + n * Math.log(((row[c] ?? 0) + 1) / ((totals[c] ?? 0) + vocabulary));
      }
      return classes[scores.indexOf(Math.max(...scores))] ?? '';
    };
  },
};

/** Logistic regression over TF-IDF words, pairs and letter sequences: the chosen model. */
const logistic: Candidate = {
  name: 'logistic regression (TF-IDF words, pairs, letters 2-4)',
  async train(examples, classes) {
    const model = trainLinearModel('topic', examples, RECIPES.topic.settings, classes).model;
    return async (text) => {
      const probabilities = model.probabilities(tokens(text));
      return classes[probabilities.indexOf(Math.max(...probabilities))] ?? '';
    };
  },
};

const silentLogger = { debug() {}, info() {}, log() {}, warn() {}, error() {}, trace() {}, fatal() {} };

/** NLP.js's neural intent classifier over word stems, as Clasp used before this comparison. */
const nlpjs: Candidate = {
  name: 'NLP.js neural classifier (stems)',
  async train(examples) {
    const nlp = new Nlp({ languages: ['en'], autoLoad: false, autoSave: false, calculateSentiment: false, forceNER: false, nlu: { log: false, useNoneFeature: false } });
    nlp.container.register('logger', silentLogger);
    nlp.use(LangEn);
    for (const example of examples) nlp.addDocument('en', example.text, example.label);
    await nlp.train();
    return async (text) => {
      const { classifications } = await nlp.nluManager.process('en', text);
      return classifications[0]?.intent ?? 'out_of_scope';
    };
  },
};

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { folds: { type: 'string', default: '5' } } });
  const folds = Number(values.folds);
  const examples = topicExamples();
  const classes = [...new Set(examples.map((example) => example.label))].sort();
  const foldOf = stratifiedFolds(examples.map((example) => `${example.label}|${example.source}`), folds);
  console.log(`Topic model candidates, ${folds}-fold cross-validation over ${examples.length} training examples\n`);
  console.log('candidate | own lines | other domains rejected | Bitext | train (s, one fold) | µs per message');
  for (const candidate of [logistic, naiveBayes, nlpjs]) {
    const right = { own: [0, 0], oos: [0, 0], bitext: [0, 0] };
    let trainMs = 0;
    let predictMs = 0;
    let predicted = 0;
    for (let fold = 0; fold < folds; fold += 1) {
      const started = performance.now();
      const classify = await candidate.train(examples.filter((_, at) => foldOf[at] !== fold), classes);
      trainMs += performance.now() - started;
      const held = examples.filter((_, at) => foldOf[at] === fold);
      const predictStarted = performance.now();
      for (const example of held) {
        const label = await classify(example.text);
        const bucket = example.source === 'own' ? right.own : example.source === 'clinc-oos' ? right.oos : example.source === 'bitext' ? right.bitext : undefined;
        if (bucket === undefined) continue;
        bucket[1] = (bucket[1] ?? 0) + 1;
        if (label === example.label) bucket[0] = (bucket[0] ?? 0) + 1;
      }
      predictMs += performance.now() - predictStarted;
      predicted += held.length;
    }
    const percent = ([r, t]: number[]) => `${((100 * (r ?? 0)) / Math.max(1, t ?? 0)).toFixed(1)}%`;
    console.log(
      `${candidate.name} | ${percent(right.own)} | ${percent(right.oos)} | ${percent(right.bitext)} | ${(trainMs / folds / 1000).toFixed(1)} | ${((1000 * predictMs) / predicted).toFixed(0)}`,
    );
  }
}

await main();
