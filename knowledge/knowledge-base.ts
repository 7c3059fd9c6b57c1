// The knowledge base, built once at start-up: parse every policy document, validate every brand
// profile, check every quote against its section, then prepare every brand × topic answer.
// Any mismatch throws, so a service whose documents drifted from its profiles never starts.
import { z } from 'zod';
import { buildAnswer, type BrandContext, type ReportedProblem } from './answers/index.js';
import { BRAND_IDS, type BrandId } from './brand-ids.js';
import { BrandProfileSchema, type BrandProfile, type BrandProfileInput } from './brands/brand-profile.schema.js';
import { checkProfile, type ProfileProblem } from './brands/profile-check.js';
import { DEFAULT_POLICIES_DIR, readPolicyDocuments, type PolicyDocument } from './documents/policy-documents.js';
import type { PolicySection } from './documents/section-parser.js';
import type { Answer, BrandSummary, KnowledgeBase, Source } from './knowledge-base.types.js';
import { createPassageIndex, type PassageIndex } from './passages/passage-index.js';
import { policySentences } from './passages/policy-sentences.js';
import { TOPICS, type Topic } from './topics.js';

export interface LoadKnowledgeBaseOptions {
  /** A folder of `<brand>/<document>.txt`; defaults to the `policies` folder beside this file. */
  policiesDir?: string;
  /**
   * One profile per brand id: the shipped ones (knowledge/brands/) or an operator's own settings.
   * Checked here once; every flow then reads them through `profile()`.
   */
  profiles: Readonly<Record<BrandId, BrandProfileInput>>;
}

/** The contract plus what the flows need: the full profile and the parsed sections. */
export interface LoadedKnowledgeBase extends KnowledgeBase {
  /** The answer to a problem the shopper just reported: its offer of the team follows the case's urgency. */
  reportAnswer(id: BrandId, topic: Topic, report: ReportedProblem): Answer;
  profile(id: BrandId): BrandProfile;
  documents(id: BrandId): readonly PolicyDocument[];
  section(id: BrandId, source: Source): PolicySection | undefined;
  /** The brand's documents sentence by sentence, searchable (never another brand's). */
  passages(id: BrandId): PassageIndex;
}

export class PolicyDriftError extends Error {
  constructor(readonly problems: readonly ProfileProblem[]) {
    super(
      'The policy documents no longer match the brand profiles; refusing to start:\n'
        + problems.map((p) => `  - ${p.brand} · ${p.document}${p.section ? ` §${p.section}` : ''} · ${p.path}: ${p.problem}\n      quote: "${p.quote}"`).join('\n'),
    );
    this.name = 'PolicyDriftError';
  }
}

export class ProfileValidationError extends Error {
  constructor(readonly brand: string, details: string) {
    super(`Brand profile ${brand} is invalid:\n${details}`);
    this.name = 'ProfileValidationError';
  }
}


export function loadKnowledgeBase(options: LoadKnowledgeBaseOptions): LoadedKnowledgeBase {
  const allDocuments = readPolicyDocuments(options.policiesDir ?? DEFAULT_POLICIES_DIR);
  const inputs = options.profiles;

  const profiles = new Map<BrandId, BrandProfile>();
  const documents = new Map<BrandId, PolicyDocument[]>();
  const problems: ProfileProblem[] = [];
  for (const id of BRAND_IDS) {
    const profile = parseProfile(id, inputs[id]);
    const brandDocuments = allDocuments.filter((document) => document.brand === id);
    profiles.set(id, profile);
    documents.set(id, brandDocuments);
    problems.push(...checkProfile(profile, brandDocuments));
  }
  if (problems.length > 0) throw new PolicyDriftError(problems);

  const answers = new Map<BrandId, Map<Topic, Answer>>();
  for (const [id, profile] of profiles) {
    const brand: BrandContext = { profile, name: profile.displayName.value };
    answers.set(id, new Map(TOPICS.map((topic) => [topic, frozen(buildAnswer(brand, topic))])));
  }

  const passages = new Map<BrandId, PassageIndex>();
  for (const [id, brandDocuments] of documents) passages.set(id, createPassageIndex(policySentences(brandDocuments)));

  const profileOf = (id: BrandId): BrandProfile => {
    const profile = profiles.get(id);
    if (!profile) throw new Error(`Unknown brand: ${id}`);
    return profile;
  };

  return {
    brandIds: BRAND_IDS,
    brand: (id): BrandSummary => ({ id, displayName: profileOf(id).displayName.value }),
    answer: (id, topic): Answer => {
      const answer = answers.get(id)?.get(topic);
      if (!answer) throw new Error(`No answer for ${id} / ${topic}`);
      return answer;
    },
    reportAnswer: (id, topic, report) => buildAnswer({ profile: profileOf(id), name: profileOf(id).displayName.value }, topic, report),
    profile: profileOf,
    documents: (id) => documents.get(id) ?? [],
    passages: (id) => {
      const index = passages.get(id);
      if (!index) throw new Error(`Unknown brand: ${id}`);
      return index;
    },
    section: (id, source) => documents.get(id)
      ?.find((document) => document.id === source.document)
      ?.sections.find((section) => section.id === source.section),
  };
}

/**
 * Answers are built once and handed out on every turn (several times in one): frozen, so no
 * caller can change what the next shopper is told, and shared, so no turn pays for a copy.
 */
function frozen(answer: Answer): Answer {
  for (const source of answer.sources) Object.freeze(source);
  Object.freeze(answer.sources);
  Object.freeze(answer.next);
  return Object.freeze(answer);
}

function parseProfile(id: BrandId, input: BrandProfileInput | undefined): BrandProfile {
  if (!input) throw new ProfileValidationError(id, 'no profile for this brand');
  // Each profile is parsed once: compiling zod's fast path would cost more than it saves.
  const result = BrandProfileSchema.safeParse(input, { jitless: true });
  if (!result.success) throw new ProfileValidationError(id, z.prettifyError(result.error));
  if (result.data.id !== id) throw new ProfileValidationError(id, `profile id is ${result.data.id}`);
  return result.data;
}
