/**
 * The words with which pages head their further reading, and the words of the boxes that look
 * like further reading but are not (latest posts, most read, topic lists, author boxes,
 * sponsored links). Matched on a label's whole text, lower-cased, its ornaments taken off
 * (see `labelText`). A new wording or language is taught here, once, and measured on
 * links-dev and every extraction corpus (npm run bench).
 */
import { squash } from '../../html/dom.js';

/**
 * A box heading or a label line that announces further reading for this article, in the
 * languages kiosque reads. Matched anywhere in a short label ("Top Related Stories",
 * "Related Articles Also Tagged:"), so each phrase is specific enough to say "related" alone.
 */
const RELATED_PHRASES = [
  // English
  'related(?: (?:posts?|articles?|stories|story|content|coverage|reading|news|links|items|entries|videos?))?',
  'see also',
  'read (?:also|next|more)',
  'also read',
  'further reading',
  'more like this',
  'more on this(?: story| topic)?',
  'similar (?:posts|articles|stories)',
  'you (?:might|may) also (?:like|enjoy|be interested(?: in)?)',
  'you (?:might|may) be interested in',
  'recommended (?:for you|reading|articles|stories)',
  "editors?['’]? (?:recommendations|picks for you)",
  "don['’]t miss",
  'also on \\S+',
  // French
  '(?:[àa] )?(?:lire|voir|relire) (?:aussi|également|egalement)',
  'sur le même sujet',
  'même sujet',
  'articles? (?:connexes|similaires|liés|associés|en relation)',
  'la rédaction vous (?:conseille|recommande)',
  'vous (?:aimerez|pourriez aimer) (?:aussi|également)',
  'ces articles pourraient vous intéresser',
  // German
  'weitere (?:beiträge|artikel|texte|nachrichten) zum thema',
  'mehr zum thema',
  'zum thema',
  'lesen sie (?:auch|mehr|weiter)',
  'auch interessant',
  'das (?:könnte|dürfte) sie (?:auch )?interessieren',
  'ähnliche (?:beiträge|artikel|themen)',
  'verwandte (?:beiträge|artikel)',
  'passend zum thema',
  'auch auf \\S+',
  // Spanish
  '(?:artículos|noticias|entradas|notas|publicaciones) relacionad[ao]s',
  'relacionad[ao]s',
  '(?:lea|lee|leer|ver|vea) también',
  'véase también',
  '(?:también )?(?:te|le) puede(?:n)? interesar',
  'no te pierdas',
  // Portuguese
  '(?:artigos|posts|notícias|matérias|textos) relacionad[ao]s',
  '(?:leia|veja) (?:também|mais)',
  'você (?:também )?pode (?:gostar|se interessar)',
  'não perca',
  // Italian
  '(?:articoli|post|notizie) correlat[ie]',
  'correlat[ie]',
  '(?:leggi|vedi) anche',
  '(?:ti )?potrebbe(?:ro)? (?:anche )?interessarti',
  'da non perdere',
  // Dutch
  'gerelateerde (?:artikelen|berichten)',
  '(?:lees|zie) ook',
  // Romanian
  'citește și|citeste si|vezi și|vezi si',
  'articole (?:similare|asemănătoare)',
  // Polish
  '(?:czytaj|zobacz) (?:także|też)',
  'powiązane (?:artykuły|wpisy)',
  'podobne (?:artykuły|wpisy)',
  // Czech
  'související(?: články)?',
  'čtěte (?:také|též)',
  'mohlo by vás zajímat',
  // Russian
  'читайте (?:также|ещё|еще)',
  'смотрите также',
  'похожие (?:статьи|записи|новости|публикации)',
  '(?:вам )?(?:также )?может быть интересно',
  'по теме',
  // Indonesian
  '(?:artikel|berita) terkait',
  'baca juga',
  // Turkish
  'ilgili (?:haberler|yazılar)',
  'benzer yazılar',
];

/** The same in scripts written without spaces between words: matched without word boundaries. */
const RELATED_PHRASES_UNSPACED = [
  // Japanese
  '関連記事',
  '関連ニュース',
  '関連エントリー',
  'あわせて読みたい',
  '合わせて読みたい',
  'こちらもおすすめ',
  // Chinese
  '相[关關](?:文章|阅读|閱讀|新闻|新聞|报道|報導)',
  '延伸(?:阅读|閱讀)',
  '推荐阅读|推薦閱讀',
  '(?:您|你)可能(?:会|會)?(?:有)?(?:兴趣|興趣|感兴趣|感興趣)',
  '猜你喜欢|猜你喜歡',
];

/**
 * Boxes that borrow a related-looking heading or class but hold something else: latest and
 * popular lists, topic and tag lists, the author's other posts, the section's other posts,
 * sponsored and network links. Any of these in a heading makes it not a related label.
 */
const NOT_RELATED_PHRASES = [
  // latest, recent
  'latest|recent|newest|new posts|just in|breaking',
  'derniers|dernières|récents|récentes|à la une',
  'neueste|aktuelle|neu(?:e)? (?:beiträge|artikel)',
  'últim[oa]s|recientes|recentes',
  'ultimi|ultime|recenti',
  'свежие|последние|новые',
  // popular
  "most (?:read|popular|viewed|shared|commented|emailed|watched)|popular|trending|hot right now|top stories|top picks|editor[’']?s[’']? picks",
  'les plus|populaires',
  'meistgelesen|beliebt',
  'más (?:leíd|vist|populares)|populares|mais (?:lidas|vistas|populares)',
  'più (?:lett|vist)',
  'популярн|читаемые',
  // topics, tags, categories
  'topics?(?!\\p{L})|tags?(?!\\p{L})|tagged with|categor|kategor|keywords|themen|thèmes|sujets|tópicos|temas|argomenti|rubriques',
  // the author, the section, the site
  'author|auteur|autor|autore|автор',
  'more (?:from|by|in|stories (?:in|from|about))|more articles in|stories about|more sites|next up',
  "plus de l[’']|dans la même rubrique|mehr von|mehr aus|más de|mais de|altro da",
  // sponsored, network
  'sponsor|partner|promoted|advertis|around the web|from the web|anzeige|publicité|publicidad|werbung',
];

const NOT_RELATED_PHRASES_UNSPACED = [
  '最新|新着|最近',
  '人気|ランキング|热门|熱門|排行|热点|熱點',
  '标签|標籤|タグ|カテゴリ|分类|分類|類別|类别|其他的?文章',
];

/**
 * The phrase opens the label, or follows one word ("Top related stories", "Also on heise"): a
 * headline that merely holds the word ("Storm-related closures") is not a label.
 */
const RELATED = new RegExp(
  `^(?:\\S+ )?(?:${RELATED_PHRASES.join('|')})(?=$|[^\\p{L}\\p{N}])|^.{0,4}(?:${RELATED_PHRASES_UNSPACED.join('|')})`,
  'u',
);
const NOT_RELATED = new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${NOT_RELATED_PHRASES.join('|')})|${NOT_RELATED_PHRASES_UNSPACED.join('|')}`, 'u');

/** A label's text for matching: lower-cased, without ornaments (brackets, colons, arrows, icons' text). */
export function labelText(text: string): string {
  return squash(
    text
      .toLowerCase()
      .replace(/[【】〔〕［］[\]()«»‹›<>:：|•·→←»+–—*#]+/g, ' ')
      .replace(/(?:^|\s)-+|-+(?=\s|$)/g, ' '),
  );
}

/** Labels are short: a heading of further reading fits in a line. */
export const LABEL_MAX_CHARACTERS = 60;

/** Whether a short text heads further reading for this article ("Related posts", "Artigos relacionados", "関連記事"). */
export function isRelatedLabel(text: string): boolean {
  const label = labelText(text);
  return label.length > 0 && label.length <= LABEL_MAX_CHARACTERS && RELATED.test(label) && !NOT_RELATED.test(label);
}

/** Whether a short text heads a box that is not further reading ("Most read", "Latest articles", "Related topics"). */
export function isUnrelatedLabel(text: string): boolean {
  const label = labelText(text);
  return label.length > 0 && label.length <= LABEL_MAX_CHARACTERS && NOT_RELATED.test(label);
}
