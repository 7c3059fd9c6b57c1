// A message in another language: one line, in that language, saying the assistant reads English
// and how to reach the team (the brand's own channel: its email, its website, or its contact form).
import type { Activity } from 'botbuilder';
import type { BrandProfile } from '../knowledge/brands/brand-profile.schema.js';
import type { BrandId } from '../knowledge/brand-ids.js';
import { isReplyLanguage, type ReplyLanguage } from '../knowledge/reading/language.js';
import { brandName } from '../knowledge/wording.js';
import { messageActivity } from './message.js';

type Contact = { kind: 'address'; value: string } | { kind: 'form' };

const LINES: Record<ReplyLanguage, (team: string, contact: Contact) => string> = {
  es: (team, c) => `Lo siento, solo puedo leer inglés. Puede contactar al equipo de ${team} ${c.kind === 'address' ? `en ${c.value}` : 'mediante el formulario de la página "Contact Us"'}.`,
  fr: (team, c) => `Désolé, je ne lis que l'anglais. Vous pouvez contacter l'équipe ${team} ${c.kind === 'address' ? `à ${c.value}` : 'via le formulaire de la page « Contact Us »'}.`,
  pt: (team, c) => `Desculpe, só consigo ler inglês. Pode contactar a equipa ${team} ${c.kind === 'address' ? `em ${c.value}` : 'pelo formulário da página "Contact Us"'}.`,
  de: (team, c) => `Entschuldigung, ich kann nur Englisch lesen. Sie erreichen das Team von ${team} ${c.kind === 'address' ? `unter ${c.value}` : 'über das Formular auf der Seite „Contact Us“'}.`,
  it: (team, c) => `Mi dispiace, leggo solo l'inglese. Può contattare il team di ${team} ${c.kind === 'address' ? `a ${c.value}` : 'tramite il modulo della pagina "Contact Us"'}.`,
  nl: (team, c) => `Sorry, ik kan alleen Engels lezen. U kunt het team van ${team} bereiken ${c.kind === 'address' ? `via ${c.value}` : 'via het formulier op de pagina "Contact Us"'}.`,
  zh: (team, c) => `抱歉，我只能阅读英文。您可以${c.kind === 'address' ? `通过 ${c.value} ` : '通过 "Contact Us" 页面上的表单'}联系 ${team} 团队。`,
  ja: (team, c) => `申し訳ありませんが、英語しか読めません。${team} のチームには${c.kind === 'address' ? ` ${c.value} ` : ' "Contact Us" ページのフォーム'}からご連絡ください。`,
  ko: (team, c) => `죄송합니다. 저는 영어만 읽을 수 있습니다. ${team} 팀에는 ${c.kind === 'address' ? `${c.value}` : '"Contact Us" 페이지의 양식'}(으)로 연락해 주세요.`,
};

const ENGLISH = (team: string, c: Contact) =>
  `Sorry, I can only read English. You can reach the ${team} team ${c.kind === 'address' ? `at ${c.value}` : 'through the form on the Contact Us page'}.`;

/** The team's contact as the brand's documents give it: an email, else its website, else its form. */
function contactOf(profile: BrandProfile): Contact {
  const email = profile.channels.find((channel) => channel.kind === 'email' && channel.address);
  if (email?.address) return { kind: 'address', value: email.address };
  const site = profile.channels.find((channel) => channel.url);
  if (site?.url) return { kind: 'address', value: site.url };
  return { kind: 'form' };
}

export function renderNotEnglishReply(brand: BrandId, profile: BrandProfile, language: string): Partial<Activity> {
  const line = isReplyLanguage(language) ? LINES[language] : ENGLISH;
  return messageActivity(brand, { text: line(brandName(profile), contactOf(profile)), topic: 'help', confidence: 1, choices: [] });
}
