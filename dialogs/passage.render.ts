// A passage answer: the brand's own sentences, quoted word for word, with the sections they come
// from, then the topic's usual next steps. The sentences are the documents'; the words around
// them are this file's.
import type { Activity } from 'botbuilder';
import type { BrandId } from '../knowledge/brand-ids.js';
import type { LoadedKnowledgeBase } from '../knowledge/knowledge-base.js';
import type { Topic } from '../knowledge/topics.js';
import type { QuotedPassage } from '../knowledge/reading/reading.types.js';
import { citeSources, possessive, brandName, uniqueSources } from '../knowledge/wording.js';
import { messageActivity } from './message.js';

export function renderPassageReply(
  kb: LoadedKnowledgeBase,
  brand: BrandId,
  reply: { topic: Topic; confidence: number; passages: readonly QuotedPassage[] },
): Partial<Activity> {
  const profile = kb.profile(brand);
  const sources = uniqueSources(reply.passages);
  // Chat bubbles use plain quotes; the documents' own inner quotes become single ones.
  const quote = reply.passages.map((passage) => passage.text.replace(/[“”"]/g, "'").replace(/[‘’]/g, "'")).join(' ');
  const next = kb.answer(brand, reply.topic).next.filter((topic) => topic !== reply.topic);
  return messageActivity(brand, {
    text: `Here is what ${possessive(brandName(profile))} ${profile.documents.length > 1 ? 'documents say' : 'policy says'}: "${quote}" (${citeSources(sources, profile)}).`,
    topic: reply.topic,
    confidence: reply.confidence,
    sources,
    choices: next.length > 0 ? next : ['handoff.human'],
  });
}
