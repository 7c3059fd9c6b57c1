import { describe, expect, it } from 'vitest';
import { MAX_QUESTIONS, splitQuestions } from '../../../knowledge/reading/question-parts.js';

describe('splitting a message into the questions it asks', () => {
  it.each([
    ['can you send a ring to norway and is it free?', ['can you send a ring to norway', 'is it free?']],
    ['Can you send a ring to Norway? Is it free?', ['Can you send a ring to Norway?', 'Is it free?']],
    ['how long does shipping take, and can I return a ring I wore once?', ['how long does shipping take', 'can I return a ring I wore once?']],
    ['what are your hours, how fast do you answer emails', ['what are your hours', 'how fast do you answer emails']],
    ['hiya! is engraving something you offer?', ['hiya!', 'is engraving something you offer?']],
  ])('"%s" asks each of its questions in order', (text, questions) => {
    expect(splitQuestions(text)).toEqual(questions);
  });

  it.each([
    'where is my order KS-100234',
    'I want to return a ring and a necklace',
    'my email is jane@example.com and my order is KS-100234',
    'is it sterling silver or is it plated?',
    'what are your hours, e.g. on saturday?',
    'thanks. bye',

    'ok',
  ])('keeps "%s" as one question', (text) => {
    expect(splitQuestions(text)).toEqual([text]);
  });

  it.each([
    ['quick question, can I swap a ring for a bigger size', ['quick question, can I swap a ring for a bigger size']],
    ['just checking, is shipping free over $50?', ['just checking, is shipping free over $50?']],
    ['what about canada, how much is shipping there', ['what about canada', 'how much is shipping there']],
    ['the clasp snapped off, what can I do about it?', ['the clasp snapped off', 'what can I do about it?']],
  ])('outside a prompt, "%s" keeps a short lead-in with its question', (text, questions) => {
    expect(splitQuestions(text, true)).toEqual(questions);
    // At a prompt, "forget it, …" must stay apart from the question after it.
    expect(splitQuestions('forget it, how long do refunds take', false)).toEqual(['forget it', 'how long do refunds take']);
  });

  it('asks at most three questions, the rest staying with the third', () => {
    const questions = splitQuestions('how do refunds work? what about engraved ones? do you ship to the UK? are you open on sunday?');
    expect(questions).toHaveLength(MAX_QUESTIONS);
    expect(questions[2]).toBe('do you ship to the UK? are you open on sunday?');
  });

  it('finds no question in an empty message', () => {
    expect(splitQuestions('   ')).toEqual([]);
  });
});
