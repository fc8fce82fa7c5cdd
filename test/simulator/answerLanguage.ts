// Which language the demo answers in: the question's. The demo knows two, English and Vietnamese,
// and a question counts as Vietnamese when its prose (code blocks and inline code left out, since
// identifiers and strings say little about the asker) has Vietnamese letters or common words.

export type AnswerLanguage = 'en' | 'vi';

/** Letters found in Vietnamese and in no English word: ă â đ ê ô ơ ư and the tone-marked vowels. */
const VIETNAMESE_LETTER = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/iu;

/** Vietnamese typed without its accents, as people often do on an English keyboard. */
const UNACCENTED_WORDS = /\b(xin chao|cam on|lam sao|the nao|tai sao|khong|giup toi|cho toi)\b/i;

function prose(question: string): string {
  return question.replace(/```[\s\S]*?(```|$)/g, ' ').replace(/`[^`\n]*`/g, ' ');
}

export function answerLanguage(question: string): AnswerLanguage {
  const text = prose(question).normalize('NFC');
  return VIETNAMESE_LETTER.test(text) || UNACCENTED_WORDS.test(text) ? 'vi' : 'en';
}
