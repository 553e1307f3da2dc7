/** A reply the bot may send; it always says it is machine-written (EU AI Act Art. 50, DSA). */
export interface BotReply {
  text: string;
  aiGenerated: true;
  /** The disclosure shown with the reply, in the customer's language when known. */
  disclosure: string;
  language: string;
}

const DISCLOSURE: Readonly<Record<string, string>> = {
  en: 'This reply was written by an AI assistant. Reply "agent" to reach a person.',
  de: 'Diese Antwort wurde von einem KI-Assistenten verfasst. Antworten Sie „Mitarbeiter“, um einen Menschen zu erreichen.',
  fr: 'Cette réponse a été rédigée par un assistant IA. Répondez « conseiller » pour joindre une personne.',
  es: 'Esta respuesta la ha escrito un asistente de IA. Responda «agente» para hablar con una persona.',
  it: 'Questa risposta è stata scritta da un assistente IA. Rispondi "operatore" per parlare con una persona.',
  pt: 'Esta resposta foi escrita por um assistente de IA. Responda "agente" para falar com uma pessoa.',
  th: 'คำตอบนี้เขียนโดยผู้ช่วย AI ตอบว่า "เจ้าหน้าที่" เพื่อติดต่อพนักงาน',
  id: 'Balasan ini ditulis oleh asisten AI. Balas "agen" untuk berbicara dengan petugas.',
  ms: 'Balasan ini ditulis oleh pembantu AI. Balas "ejen" untuk bercakap dengan kakitangan.',
  vi: 'Câu trả lời này được viết bởi trợ lý AI. Trả lời "nhân viên" để gặp người hỗ trợ.',
  ar: 'كُتب هذا الرد بواسطة مساعد ذكاء اصطناعي. أرسل "موظف" للتحدث مع شخص.',
};

const humanize = (intent: string) => intent.replace(/_/g, ' ');

/**
 * Composes the bot's acknowledgement for an in-scope intent, with the AI label.
 * The answer content itself comes from the shop's knowledge base (outside
 * Meridian); what Meridian guarantees is the label and the way to a person.
 *
 * @example
 * composeBotReply('card_arrival', 'de').aiGenerated; // true
 */
export function composeBotReply(intent: string, language: string | null | undefined): BotReply {
  const lang = language && DISCLOSURE[language] ? language : 'en';
  return {
    text: `[${humanize(intent)}]`,
    aiGenerated: true,
    disclosure: DISCLOSURE[lang]!,
    language: lang,
  };
}
