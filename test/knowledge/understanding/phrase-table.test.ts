import { describe, expect, it } from 'vitest';
import { RESOLVER_TOPICS, TOPICS, type Topic } from '../../../knowledge/topics.js';
import { MISSPELLED_PHRASES, TOPIC_EXAMPLES, TOPIC_PHRASES, expandExamples } from '../../../knowledge/understanding/index.js';

describe('the phrase table', () => {
  it('has examples for every topic, more for the ones shoppers ask most', () => {
    // policy.other is the resolver's (the documents' own sentences), never the classifiers'.
    const resolverTopics: readonly Topic[] = RESOLVER_TOPICS;
    for (const topic of TOPICS.filter((candidate) => !resolverTopics.includes(candidate))) {
      expect(TOPIC_PHRASES[topic].length, topic).toBeGreaterThanOrEqual(20);
    }
    for (const topic of resolverTopics) expect(TOPIC_PHRASES[topic], topic).toEqual([]);
    const total = Object.values(TOPIC_PHRASES).flat().length;
    expect(total).toBeGreaterThan(2000);
  });

  it('has no phrase twice within a topic', () => {
    for (const topic of TOPICS) {
      const phrases = TOPIC_PHRASES[topic].map((phrase) => phrase.toLowerCase());
      expect(phrases.filter((phrase, index) => phrases.indexOf(phrase) !== index), topic).toEqual([]);
    }
  });

  it('keeps casual and misspelled forms, the misspelled ones marked', () => {
    expect(MISSPELLED_PHRASES.size).toBeGreaterThan(20);
    for (const phrase of MISSPELLED_PHRASES) {
      expect(Object.values(TOPIC_PHRASES).flat()).toContain(phrase);
    }
  });

  it('writes each task and subject out behind an opener as well', () => {
    const table = expandExamples({ ...TOPIC_EXAMPLES, 'order.cancel': { tasks: ['cancel my order'], subjects: ['the cancellation fee'] } });
    expect(table['order.cancel']).toHaveLength(4);
    expect(table['order.cancel']).toEqual(expect.arrayContaining(['cancel my order', 'the cancellation fee']));
  });
});
