// The learning parts of the Reading step on a small data set of their own: what the features
// make of a message, that training learns it and is repeatable, that a saved model reads the same
// after loading, and that cross-validation and calibration do what they say.
import { describe, expect, it } from 'vitest';
import { fitTemperature, logLoss, outOfFold, stratifiedFolds } from '../../../knowledge/reading/learning/cross-validation.js';
import { loadLinearModel, softmax, type SavedLinearModel } from '../../../knowledge/reading/learning/linear-model.js';
import { decodeModelFile, encodeModelFile } from '../../../knowledge/reading/learning/model-file.js';
import { charFeature, featureCounts, pairFeature, tokens, wordFeature } from '../../../knowledge/reading/learning/text-features.js';
import { DEFAULT_TRAINING, trainLinearModel, type TrainingExample } from '../../../knowledge/reading/learning/train-linear-model.js';

const EXAMPLES: TrainingExample[] = [
  ...['where is my order', 'has my package shipped', 'track my parcel please', 'wheres my stuff', 'is my order on its way', 'tracking number for my order'].map((text) => ({ text, label: 'tracking' })),
  ...['how do i return a ring', 'i want to send it back', 'start a return please', 'can i return these earrings', 'return my necklace', 'i need to send back a bracelet'].map((text) => ({ text, label: 'returns' })),
  ...['whats the weather tomorrow', 'tell me a joke', 'who won the game last night', 'how tall is mount everest', 'play some music', 'what is the capital of france'].map((text) => ({ text, label: 'elsewhere' })),
];

function likeliest(model: ReturnType<typeof trainLinearModel>['model'], text: string): string {
  const probabilities = model.probabilities(tokens(text));
  let best = 0;
  probabilities.forEach((value, at) => {
    if (value > (probabilities[best] ?? 0)) best = at;
  });
  return model.classes[best] ?? '';
}

describe('what the models see of a message', () => {
  it('reads order numbers and emails as one token each, and digits as zeros', () => {
    expect(tokens("Where's KS-100234? Mail jane@example.com, size 7")).toEqual(['wheres', '#order', 'mail', '#email', 'size', '0']);
  });

  it('counts words, pairs of words and the letter sequences inside words', () => {
    const { words, chars } = featureCounts('my ring my');
    expect([...words.keys()].sort()).toEqual([wordFeature('my'), pairFeature('^', 'my'), wordFeature('ring'), pairFeature('my', 'ring'), pairFeature('ring', 'my')].sort());
    expect(words.get(wordFeature('my'))).toBe(2);
    expect(chars.get(charFeature('rin'))).toBe(1);
    expect(chars.get(charFeature(' r'))).toBe(1);
    expect(chars.get(charFeature('g '))).toBe(1);
    // A word and the same letters as a sequence are different features.
    expect(wordFeature('my')).not.toBe(charFeature('my'));
  });
});

describe('training a linear model', () => {
  const trained = trainLinearModel('test', EXAMPLES);

  it('learns the examples, and reads new wordings of them, typos included', () => {
    expect(likeliest(trained.model, 'where is my package')).toBe('tracking');
    expect(likeliest(trained.model, 'can i send the ring back')).toBe('returns');
    expect(likeliest(trained.model, 'wheres my ordr')).toBe('tracking');
    expect(likeliest(trained.model, 'whats the weather in boston')).toBe('elsewhere');
  });

  it('gives the same model for the same examples and settings', () => {
    const again = trainLinearModel('test', EXAMPLES);
    expect([...again.save(1, 'k').weights]).toEqual([...trained.save(1, 'k').weights]);
  });

  it('reads the same after saving and loading', () => {
    const loaded = loadLinearModel(decodeModelFile(encodeModelFile(trained.save(1, 'k'))) as SavedLinearModel);
    const words = tokens('i want to return my ring');
    expect([...loaded.probabilities(words)]).toEqual([...trained.model.probabilities(words)].map((value) => expect.closeTo(value, 5)));
  });

  it('learns what a context means: a reply read with what the bot had said', () => {
    const withContext: TrainingExample[] = [
      ...['yes', 'sure', 'ok'].map((text) => ({ text, label: 'takes offer', contexts: ['bot:OFFER'] })),
      ...['yes', 'sure', 'ok'].map((text) => ({ text, label: 'chat', contexts: ['bot:INFORM'] })),
    ];
    const model = trainLinearModel('acts', withContext, { ...DEFAULT_TRAINING, shape: { ...DEFAULT_TRAINING.shape, contextWords: true } }).model;
    const read = (contexts: string[]) => model.classes[model.probabilities(tokens('yes'), contexts).indexOf(Math.max(...model.probabilities(tokens('yes'), contexts)))];
    expect(read(['bot:OFFER'])).toBe('takes offer');
    expect(read(['bot:INFORM'])).toBe('chat');
  });
});

describe('cross-validation and calibration', () => {
  it('spreads every class over the folds', () => {
    const labels = EXAMPLES.map((example) => example.label);
    const folds = stratifiedFolds(labels, 3);
    for (const label of new Set(labels)) {
      const foldsOfLabel = labels.flatMap((other, at) => (other === label ? [folds[at]] : []));
      expect(new Set(foldsOfLabel).size).toBe(3);
    }
  });

  it('scores each example with a model that never saw it, and a fitted temperature makes those scores more honest', () => {
    const classes = [...new Set(EXAMPLES.map((example) => example.label))].sort();
    const folds = stratifiedFolds(EXAMPLES.map((example) => example.label), 3);
    const scores = outOfFold(EXAMPLES, folds, 3, (training) => {
      const fold = trainLinearModel('fold', training, DEFAULT_TRAINING, classes);
      return { logitsOf: (example) => fold.logitsOf(example.text) };
    });
    const labels = EXAMPLES.map((example) => classes.indexOf(example.label));
    const temperature = fitTemperature(scores, labels);
    expect(logLoss(scores, labels, temperature)).toBeLessThanOrEqual(logLoss(scores, labels, 1));
    expect(logLoss(scores, labels, temperature)).toBeLessThanOrEqual(logLoss(scores, labels, temperature * 3));
  });

  it('a higher temperature spreads the probabilities, keeping their order', () => {
    const logits = [2, 1, 0];
    const sharp = softmax(logits, 0.5);
    const flat = softmax(logits, 4);
    expect(sharp[0]).toBeGreaterThan(flat[0] ?? 0);
    expect([...flat].indexOf(Math.max(...flat))).toBe(0);
  });
});
