// What one question ends as for one brand, from the topic model's calibrated probabilities and
// the brand's documents: small talk, a flow to start, the topic's composed answer, the brand's
// own sentences where they answer it more specifically (or no topic fits), out of scope, or a
// "Did you mean…" with options that are each plausible. Passages are quoted only when the
// answerability model says they answer (knowledge/reading/answerability.ts).
import type { BrandId } from '../brand-ids.js';
import type { Answer, Source } from '../knowledge-base.types.js';
import type { PassageHit, PassageIndex } from '../passages/passage-index.js';
import type { PolicySentence } from '../passages/policy-sentences.js';
import { FLOW_TOPICS, isTopic, type Topic } from '../topics.js';
import { answerabilityFeatures, questionWords, type AnswerabilityModel } from './answerability.js';
import { createSentenceSimilarity, topicView, type TopicDistribution } from './topic-distribution.js';
import type { LinearModel } from './learning/linear-model.js';
import type { Command, FlowName, QuotedPassage, SmallTalk, TopicScore } from './reading.types.js';
import type { ReadingSettings } from './reading-settings.js';

export interface TopicKnowledge {
  answer(brand: BrandId, topic: Topic): Pick<Answer, 'sources' | 'stated'>;
  passages(brand: BrandId): PassageIndex;
}


/** The topic model's labels the bot answers as small talk ("identity": "are you a bot?"). */
export const SMALL_TALK_LABELS: ReadonlySet<string> = new Set(['greeting', 'thanks', 'goodbye', 'help', 'identity']);
const FLOWS: ReadonlySet<string> = new Set(FLOW_TOPICS);
const FLOW_OF: Partial<Record<Topic, FlowName>> = { 'order.tracking': 'tracking', 'returns.start': 'returns' };
/** The policy topic a flow's question is about ("what is an RA number?" is returns policy). */
export const FLOW_POLICY: Partial<Record<Topic, Topic>> = {
  'returns.start': 'returns.policy',
  'order.tracking': 'shipping.timeline',
  'handoff.human': 'contact.channels',
};
const MAX_OPTIONS = 3;
/** Sentences quoted at most, the best first. */
const MAX_QUOTED = 4;

export interface TopicReader {
  /**
   * What a question ends as. `asks`: the message is a question rather than a request (a question
   * about a flow's policy is answered, a request starts the flow).
   */
  read(brand: BrandId, text: string, distribution: TopicDistribution, asks: boolean, confidence?: number): Command;
  /** The passages of the brand's documents that answer the question, best first (possibly none). */
  answeringPassages(brand: BrandId, text: string, distribution: TopicDistribution): ScoredHit[];
}

export interface ScoredHit {
  hit: PassageHit;
  answers: number;
}

function sameSection(source: Source, sentence: PolicySentence): boolean {
  return source.document === sentence.document && source.section === sentence.section;
}

export function createTopicReader(knowledge: TopicKnowledge, models: { topic: LinearModel; answerability: AnswerabilityModel }, settings: ReadingSettings): TopicReader {
  const { answerability } = models;
  const similarity = createSentenceSimilarity(models.topic);
  const cites = (brand: BrandId, topic: Topic, sentence: PolicySentence) => knowledge.answer(brand, topic).sources.some((source) => sameSection(source, sentence));

  function answeringPassages(brand: BrandId, text: string, distribution: TopicDistribution): ScoredHit[] {
    return scoreHits(brand, text, distribution, knowledge.passages(brand).search(text));
  }

  /** The hits (those `included`) that answer the question, best first. */
  function scoreHits(brand: BrandId, text: string, distribution: TopicDistribution, hits: readonly PassageHit[], included = (_hit: PassageHit) => true): ScoredHit[] {
    if (!hits.some(included)) return [];
    const index = knowledge.passages(brand);
    const seen = topicView(knowledge.answer, brand, distribution, similarity, answerability.sections, undefined, answerability.knowsStore(brand));
    const words = questionWords(text);
    const scored: ScoredHit[] = [];
    for (let rank = 0; rank < hits.length; rank += 1) {
      const hit = hits[rank]!;
      if (!included(hit)) continue;
      const answers = answerability.probability(answerabilityFeatures(hits, rank, index, seen, words));
      if (answers >= settings.passageConfidence) scored.push({ hit, answers });
    }
    return scored.sort((a, b) => b.answers - a.answers);
  }

  /**
   * The passages that answer the question better than the topic's composed answer does: the
   * answering ones, when the best of them is in a section the answer does not quote; none
   * otherwise. Most questions have no such passage, and it shows on the hits outside the quoted
   * sections alone: the rest are scored only when one of those answers, each hit once.
   */
  function moreSpecificPassages(brand: BrandId, text: string, distribution: TopicDistribution, topic: Topic): ScoredHit[] {
    const hits = knowledge.passages(brand).search(text);
    const unquoted = (hit: PassageHit) => !cites(brand, topic, hit.sentence);
    const outside = scoreHits(brand, text, distribution, hits, unquoted);
    if (outside.length === 0) return [];
    // Best first, and in search order where two answer alike, as one scoring of all the hits ranks them.
    const scored = [...outside, ...scoreHits(brand, text, distribution, hits, (hit) => !unquoted(hit))].sort(
      (a, b) => b.answers - a.answers || hits.indexOf(a.hit) - hits.indexOf(b.hit),
    );
    const [first] = scored;
    return first !== undefined && unquoted(first.hit) ? scored : [];
  }

  /** The catalog topic a quoted sentence answers: the likeliest topic (not a flow or small talk) whose answer quotes its section. */
  function fittingTopic(brand: BrandId, distribution: TopicDistribution, sentence: PolicySentence): Topic {
    for (const { label } of distribution.ranked) {
      if (!isTopic(label)) continue;
      const candidate = FLOW_POLICY[label] ?? label;
      if (FLOWS.has(candidate) || SMALL_TALK_LABELS.has(candidate) || candidate === 'out_of_scope') continue;
      if (cites(brand, candidate, sentence)) return candidate;
    }
    return 'policy.other';
  }

  function passage(brand: BrandId, distribution: TopicDistribution, scored: readonly ScoredHit[], topic?: Topic): Command {
    const [best] = scored;
    if (best === undefined) return { kind: 'answer', topic: 'policy.other', confidence: 1 };
    const sentences = knowledge.passages(brand).sentences;
    const quoted: PolicySentence[] = [best.hit.sentence];
    // "…you can escalate your concern:" is followed by what it introduces.
    if (best.hit.sentence.text.endsWith(':')) quoted.push(...following(sentences, best.hit.sentence, MAX_QUOTED - 1));
    // A second answering sentence of the same section says the rest of it.
    const second = scored[1];
    if (quoted.length === 1 && second !== undefined && second.hit.sentence.section === best.hit.sentence.section && second.hit.sentence.document === best.hit.sentence.document) {
      quoted.push(second.hit.sentence);
    }
    const passages: QuotedPassage[] = quoted.map(({ document, section, text }) => ({ document, section, text }));
    return { kind: 'passage', topic: topic ?? fittingTopic(brand, distribution, best.hit.sentence), confidence: best.answers, passages };
  }

  return {
    answeringPassages,
    read(brand, text, distribution, asks, confidence = settings.topicConfidence) {
      const best = distribution.best;
      if (best === undefined) return { kind: 'clarify', options: [] };
      const sure = best.probability >= confidence;
      if (sure && SMALL_TALK_LABELS.has(best.label)) {
        // "What information do you collect?" can read like "what can you do"; the documents say.
        if (best.label === 'help') {
          const scored = answeringPassages(brand, text, distribution);
          if (scored.length > 0) return passage(brand, distribution, scored);
        }
        return { kind: 'smallTalk', talk: best.label as SmallTalk };
      }
      // Searched only where the answer depends on it: a request for a person, or a flow asked for
      // rather than asked about, goes where it goes whatever the documents say.
      let searched: ScoredHit[] | undefined;
      const answering = () => (searched ??= answeringPassages(brand, text, distribution));
      if (best.label === 'out_of_scope') {
        const scored = answering();
        // Words of another domain can still be the documents' own ("will you tell me when the privacy policy changes").
        if (scored.length > 0) return passage(brand, distribution, scored);
        if (sure) return { kind: 'outOfScope', confidence: best.probability };
      } else if (sure && isTopic(best.label)) {
        const topic = best.label;
        if (topic === 'handoff.human') return { kind: 'person' };
        const flow = FLOW_OF[topic];
        if (flow !== undefined) {
          // A question about the flow's policy that the documents answer ("what is an RA number?") is answered.
          if (asks) {
            const scored = moreSpecificPassages(brand, text, distribution, topic);
            if (scored.length > 0) return passage(brand, distribution, scored);
          }
          return { kind: 'start', flow, topic, confidence: best.probability };
        }
        // The documents say something more specific than the composed answer: their own sentence.
        const scored = moreSpecificPassages(brand, text, distribution, topic);
        if (scored.length > 0) return passage(brand, distribution, scored, topic);
        // A personalized piece the shopper wants changed is a change to their order: the team's to make.
        const change = topic === 'product.custom' && distribution.probability('order.change') >= settings.plausibleFloor;
        return { kind: 'answer', topic, confidence: best.probability, ...(change ? { alsoAsks: 'order.change' as const } : {}) };
      }
      // Not sure of a topic: a sentence that answers it, else the plausible options.
      const scored = answering();
      if (scored.length > 0) return passage(brand, distribution, scored);
      const options = plausibleOptions(distribution, settings.plausibleFloor);
      if (options.length > 0) return { kind: 'clarify', options };
      const elsewhere = distribution.probability('out_of_scope');
      if (best.label === 'out_of_scope' || elsewhere >= 0.5) return { kind: 'outOfScope', confidence: elsewhere };
      return { kind: 'clarify', options: [] };
    },
  };
}

/** Manners: never something to pick in a "Did you mean…" ("Hello | Return policy"). */
const NOT_OPTIONS: ReadonlySet<string> = new Set(['out_of_scope', 'greeting', 'thanks', 'goodbye']);

/** The topics worth offering in a "Did you mean…": each likely in its own right, at most three. */
export function plausibleOptions(distribution: TopicDistribution, floor: number): TopicScore[] {
  const options: TopicScore[] = [];
  for (const { label, probability } of distribution.ranked) {
    if (options.length >= MAX_OPTIONS || probability < floor) break;
    if (!isTopic(label) || NOT_OPTIONS.has(label)) continue;
    options.push({ topic: label, confidence: probability });
  }
  return options;
}

/** The sentences after `sentence` in its section. */
function following(sentences: readonly PolicySentence[], sentence: PolicySentence, limit: number): PolicySentence[] {
  const start = sentences.indexOf(sentence);
  const next: PolicySentence[] = [];
  for (const candidate of sentences.slice(start + 1)) {
    if (next.length >= limit || candidate.section !== sentence.section || candidate.document !== sentence.document) break;
    next.push(candidate);
  }
  return next;
}
