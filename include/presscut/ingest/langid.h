/* langid.h — guesses the language of a text: libexttextcat's n-gram fingerprints decide among the
 * languages of the text's script, letters only one language uses and its most frequent short words settle
 * near-ties. Returns NULL when unsure. Knows nothing of the store. */
#ifndef PRESSCUT_LANGID_H
#define PRESSCUT_LANGID_H

#include <stddef.h>

/* Returns a static ISO 639-1 code for the language of [text, text+len) (UTF-8; invalid bytes are skipped),
 * or NULL when unsure. Thread-safe; the fingerprints are loaded once, on the first call.
 *   - The script with most letters decides which languages compete, if it has at least half of the
 *     letters and 12 or more of them (else NULL): Latin en de fr es it pt nl da sv no fi et lv lt hu ro ca
 *     eu ga tr id pl cs sk sl hr sr; Cyrillic ru uk bg sr mk be; Greek el; Arabic ar fa; Hebrew he yi.
 *     Other scripts (CJK...) give NULL.
 *   - exttextcat ranks them by the "out of place" distance between the n-gram profile of the first 1 KB
 *     (lower-cased) and each language's fingerprint (the .lm files of $PRESSCUT_TEXTCAT_DIR, default
 *     /usr/share/libexttextcat, Debian's libexttextcat-data).
 *   - Letters only one language uses (і ї є ґ uk; ы э ё ru; ђ ћ ј љ њ џ sr; ř ě ů cs; ľ ĺ ŕ ô sk; ł ą ę
 *     ś ź ż ń pl; đ hr; ß de; ъ frequent in bg) and frequent short words (about three or more, counted in
 *     the first 64 KB) name a language when one stands out; it wins if exttextcat puts it within 20% of
 *     its own winner (bg/ru, uk/ru, sk/cs, hr/sr/sl, which n-grams confuse). Without such evidence, a
 *     winner within 1% of a runner-up of another language gives NULL.
 *   - When that letter and word evidence is decisive on its own (12 or more scoring words, 3 times the
 *     runner-up's score), it answers without exttextcat: on full articles both give the same answers
 *     (9,143 right with the shortcut, 9,144 without), and the shortcut makes detection 7 times cheaper
 *     (45 against 330 microseconds a full article). Headlines and short or mixed texts are ranked by
 *     exttextcat.
 *   - If the fingerprints cannot be read (Latin or Cyrillic ones missing), the letters and words decide
 *     alone, as pc_langid_backend() then says: covers en de fr es it pt nl pl cs sk sl hr ru uk bg sr, and el
 *     ar he by script (20 letters or more).
 * Measured by tests/eval/langid_accuracy.c on 9,146 news texts of the shared corpus (BSNLP ru uk bg pl cs
 * sl hr sk, 10kGNAD de, BBC en, FactRuEval ru, ner-uk uk), first 8 KB as the indexer passes them: 9,143
 * right, 3 wrong (exttextcat alone among the script's languages: 96.2%, bg 82.5%, uk 92.5%, sk 29%, hr 0%;
 * the letters and words alone: 99.9%); on headlines alone 76.4% right, 13% NULL (letters and words alone:
 * 22% right, 74% NULL). About 0.05 ms per full article and 0.1 ms per headline on a loaded 2-core machine
 * (exttextcat's ranking, when asked, costs about 0.15 ms: making the text's profile; its distances to all
 * fingerprints come from one index of their n-grams, the same numbers fp_Compare gives).
 * Names and a few words get a guess: "Zelensky Putin Biden" is not NULL. */
const char *pc_langid_detect(const char *text, size_t len);

/* "exttextcat" when the fingerprints are loaded, "heuristic" when pc_langid_detect falls back to letters
 * and words alone. Static string; loads the fingerprints if no call did yet. */
const char *pc_langid_backend(void);

#endif
