/* test_translit.c — unit tests of the Cyrillic to Latin transliteration (src/text/translit.c): tables of words
 * and the Latin form each scheme must give (names as the English press spells them, the word-initial forms of
 * the Ukrainian system, zgh, signs and apostrophes dropped), which scheme applies to which word, input the
 * schemes must refuse, and an oracle on real text: every Cyrillic word of the BSNLP and NER-UK articles gets
 * the same Latin as from ICU's transforms (ICU's Russian-Latin/BGN, and the Ukrainian system written as ICU
 * rules), which the tables replace. */
#include "presscut/text/translit.h"
#include "presscut/core/utf8.h"

#include <glob.h>
#include <string.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "harness.h"

static pc_translit *translit;

/* The Latin form of a NUL-terminated word, "(none)" when there is none, "(error)" on failure. */
static const char *latin(pc_translit_scheme scheme, const char *word)
{
    static char out[256];
    size_t len = strlen(word), n = 99;
    if (PC_TRANSLIT_OUT_BYTES(len) > sizeof out)
        return "(too long for the test)";
    pc_error err;
    int rc = pc_translit_word(translit, scheme, word, len, out, &n, &err);
    if (rc < 0)
        return "(error)";
    if (rc == 0)
        return n == 0 && out[0] == '\0' ? "(none)" : "(bad none)";
    return n == strlen(out) ? out : "(bad length)";
}

static void test_russian_bgn(void)
{
    static const char *const table[][2] = {
        {"Песков", "peskov"},       {"Пескова", "peskova"},     {"Путин", "putin"},
        {"Зеленский", "zelenskiy"}, {"Шойгу", "shoygu"},        {"Лавров", "lavrov"},
        {"Горбачёв", "gorbachev"},  {"Хрущёв", "khrushchev"},   {"Медведев", "medvedev"},
        {"Навальный", "navalnyy"},  {"Россия", "rossiya"},      {"Москва", "moskva"},
        {"Кремль", "kreml"},        {"Сергей", "sergey"},       {"ЦИК", "tsik"},
        {"Объединение", "obyedineniye"}, {"Ту154", "tu154"},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        CHECK_STR_EQ(latin(PC_TRANSLIT_RU_BGN, table[i][0]), table[i][1]);
}

static void test_ukrainian_national(void)
{
    static const char *const table[][2] = {
        {"Київ", "kyiv"},             {"Києві", "kyievi"},           {"Харків", "kharkiv"},
        {"Зеленський", "zelenskyi"},  {"Запоріжжя", "zaporizhzhia"}, {"Одеса", "odesa"},
        {"Львів", "lviv"},            {"Євген", "yevhen"},           {"Гаєвий", "haievyi"},
        {"Їжакевич", "yizhakevych"},  {"Кадиївка", "kadyivka"},      {"Йосипівка", "yosypivka"},
        {"Стрий", "stryi"},           {"Юрій", "yurii"},             {"Крюківка", "kriukivka"},
        {"Яготин", "yahotyn"},        {"Ічня", "ichnia"},            {"Згурівка", "zghurivka"},
        {"Розгон", "rozghon"},        {"Щорс", "shchors"},           {"Ґалаґан", "galagan"},
        {"Мар'їне", "marine"},        {"Знам’янка", "znamianka"},   {"Донецьк", "donetsk"},
        {"Маріуполь", "mariupol"},    {"Чернігів", "chernihiv"},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        CHECK_STR_EQ(latin(PC_TRANSLIT_UK_NATIONAL, table[i][0]), table[i][1]);
}

static void test_which_scheme_applies(void)
{
    /* Letters only one language has decide; a word of neither gets both. */
    CHECK(pc_translit_applies(PC_TRANSLIT_UK_NATIONAL, "Київ", strlen("Київ")));
    CHECK(!pc_translit_applies(PC_TRANSLIT_RU_BGN, "Київ", strlen("Київ")));
    CHECK(pc_translit_applies(PC_TRANSLIT_RU_BGN, "Навальный", strlen("Навальный")));
    CHECK(!pc_translit_applies(PC_TRANSLIT_UK_NATIONAL, "Навальный", strlen("Навальный")));
    CHECK(pc_translit_applies(PC_TRANSLIT_RU_BGN, "песков", strlen("песков")));
    CHECK(pc_translit_applies(PC_TRANSLIT_UK_NATIONAL, "песков", strlen("песков")));
    CHECK_STR_EQ(latin(PC_TRANSLIT_RU_BGN, "Київ"), "(none)");
    CHECK_STR_EQ(latin(PC_TRANSLIT_UK_NATIONAL, "Ґалаґан"), "galagan");
    /* no Cyrillic letter, or letters neither scheme writes in Latin */
    CHECK(!pc_translit_applies(PC_TRANSLIT_RU_BGN, "putin", 5));
    CHECK_STR_EQ(latin(PC_TRANSLIT_RU_BGN, "putin"), "(none)");
    CHECK_STR_EQ(latin(PC_TRANSLIT_RU_BGN, "Ђорђе"), "(none)");
    CHECK_STR_EQ(latin(PC_TRANSLIT_UK_NATIONAL, "Љубљана"), "(none)");
    CHECK_STR_EQ(latin(PC_TRANSLIT_RU_BGN, "мир-2"), "(none)"); /* not one word: '-' has no Latin form here */
    CHECK_STR_EQ(latin(PC_TRANSLIT_RU_BGN, ""), "(none)");
    CHECK_STR_EQ(pc_translit_scheme_name(PC_TRANSLIT_RU_BGN), "ru-bgn");
    CHECK_STR_EQ(pc_translit_scheme_name(PC_TRANSLIT_UK_NATIONAL), "uk-2010");
    CHECK_STR_EQ(pc_translit_scheme_name((pc_translit_scheme)7), "?");
    CHECK(!pc_translit_applies((pc_translit_scheme)7, "мир", strlen("мир")));
}

static void test_bad_input(void)
{
    /* invalid UTF-8 is never copied into the output */
    CHECK_STR_EQ(latin(PC_TRANSLIT_RU_BGN, "пес\xff\xfeков"), "(none)");
    char longest[600];
    size_t n = 0;
    while (n + 2 < sizeof longest) {
        memcpy(longest + n, "щ", 2);
        n += 2;
    }
    char *out = malloc(PC_TRANSLIT_OUT_BYTES(n));
    size_t out_len = 0;
    CHECK(out != NULL);
    if (out) {
        CHECK_INT_EQ(pc_translit_word(translit, PC_TRANSLIT_UK_NATIONAL, longest, n, out, &out_len, NULL), 1);
        CHECK_INT_EQ((int)out_len, (int)(2 * n)); /* the widest case: 2 bytes -> "shch" */
    }
    free(out);
    pc_translit_free(NULL);
}

/* ---- the oracle: ICU's transforms ---- */

#define ORACLE_FOLD "::NFD; [[:Mn:] \\u02B9 \\u02BA \\u00B7 \\u0027 \\u2019 \\u02BC] > ; ::NFC;"
static const char *const oracle_rules[PC_TRANSLIT_N_SCHEMES] = {
    [PC_TRANSLIT_RU_BGN] = "::Lower; ::Russian-Latin/BGN; " ORACLE_FOLD,
    [PC_TRANSLIT_UK_NATIONAL] =
        "::Lower; $inside = [[:L:][:M:] \\u0027 \\u2019 \\u02BC];"
        "$inside { є > ie; є > ye; $inside { ї > i; ї > yi; $inside { й > i; й > y; $inside { ю > iu; ю > yu;"
        "$inside { я > ia; я > ya; зг > zgh;"
        "а > a; б > b; в > v; г > h; ґ > g; д > d; е > e; ж > zh; з > z; и > y; і > i; к > k; л > l; м > m;"
        "н > n; о > o; п > p; р > r; с > s; т > t; у > u; ф > f; х > kh; ц > ts; ч > ch; ш > sh; щ > shch;"
        "ь > ;" ORACLE_FOLD,
};

/* ICU's Latin for a word in `scheme` into out (folded as the tables fold: a-z and 0-9 only, else ""). */
static void oracle_latin(UTransliterator *trans, const char *word, size_t len, char *out, size_t cap)
{
    UChar buf[1024];
    int32_t n = 0, limit;
    UErrorCode status = U_ZERO_ERROR;
    out[0] = '\0';
    u_strFromUTF8WithSub(buf, 256, &n, word, (int32_t)len, 0xFFFD, NULL, &status);
    limit = n;
    if (U_SUCCESS(status))
        utrans_transUChars(trans, buf, &n, 1024, 0, &limit, &status);
    if (U_FAILURE(status) || (size_t)n >= cap)
        return;
    for (int32_t i = 0; i < n; i++) {
        if (!((buf[i] >= 'a' && buf[i] <= 'z') || (buf[i] >= '0' && buf[i] <= '9'))) {
            out[0] = '\0';
            return;
        }
        out[i] = (char)buf[i];
    }
    out[n] = '\0';
}

/* Compares the tables with ICU on every Cyrillic word (letters, marks, apostrophes, digits) of text. */
static void compare_words(UTransliterator *const trans[], const char *text, size_t len, size_t *words,
                          size_t *differ)
{
    for (size_t i = 0; i < len;) {
        size_t start = i;
        bool cyrillic = false;
        while (i < len) {
            unsigned int c;
            size_t k = pc_utf8_next(text + i, len - i, &c);
            bool part = (c >= 0x0400 && c <= 0x04FF) || (c >= 0x0300 && c <= 0x036F) || c == '\'' || c == 0x2019 ||
                        c == 0x02BC || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
                        (c >= 0x00C0 && c <= 0x017F);
            if (!part)
                break;
            cyrillic |= c >= 0x0400 && c <= 0x04FF;
            i += k;
        }
        if (i == start) {
            unsigned int c;
            i += pc_utf8_next(text + i, len - i, &c);
            continue;
        }
        if (!cyrillic || i - start > 200)
            continue;
        (*words)++;
        for (int scheme = 0; scheme < PC_TRANSLIT_N_SCHEMES; scheme++) {
            char mine[512], icu[512];
            size_t n = 0;
            if (pc_translit_word(translit, (pc_translit_scheme)scheme, text + start, i - start, mine, &n, NULL) < 0)
                mine[0] = '\0';
            if (pc_translit_applies((pc_translit_scheme)scheme, text + start, i - start))
                oracle_latin(trans[scheme], text + start, i - start, icu, sizeof icu);
            else
                icu[0] = '\0';
            if (strcmp(mine, icu) != 0 && (*differ)++ < 20)
                fprintf(stderr, "  %.*s (%s): tables '%s', icu '%s'\n", (int)(i - start), text + start,
                        pc_translit_scheme_name((pc_translit_scheme)scheme), mine, icu);
        }
    }
}

static void test_same_as_icu_on_real_text(void)
{
    const char *corpus = shared_corpus();
    UTransliterator *trans[PC_TRANSLIT_N_SCHEMES] = {NULL};
    for (int scheme = 0; scheme < PC_TRANSLIT_N_SCHEMES; scheme++) {
        UChar rules[2048];
        int32_t n = 0;
        UErrorCode status = U_ZERO_ERROR;
        UParseError where;
        u_strFromUTF8(rules, 2048, &n, oracle_rules[scheme], -1, &status);
        trans[scheme] = utrans_openU(u"presscut-oracle", -1, UTRANS_FORWARD, rules, n, &where, &status);
        CHECK(U_SUCCESS(status));
    }
    const char *folders[] = {"bsnlp-slavic-news/*/raw/*/*", "ner-uk-nashigroshi/ng/*.txt"};
    size_t words = 0, differ = 0;
    for (size_t f = 0; f < 2 && trans[0] && trans[1]; f++) {
        char pattern[4200];
        snprintf(pattern, sizeof pattern, "%s/%s", corpus, folders[f]);
        glob_t g;
        CHECK_INT_EQ(glob(pattern, 0, NULL, &g), 0);
        for (size_t i = 0; i < g.gl_pathc; i++) {
            size_t len = 0;
            char *text = (char *)harness_read_file(g.gl_pathv[i], &len);
            if (text)
                compare_words(trans, text, len, &words, &differ);
            free(text);
        }
        globfree(&g);
    }
    fprintf(stderr, "%zu Cyrillic words, %zu Latin forms differ from ICU's\n", words, differ);
    CHECK(words > 500000);
    CHECK_INT_EQ((int)differ, 0);
    for (int scheme = 0; scheme < PC_TRANSLIT_N_SCHEMES; scheme++)
        if (trans[scheme])
            utrans_close(trans[scheme]);
}

int main(void)
{
    pc_error err;
    if (pc_translit_new(&translit, &err) != PC_OK) {
        fprintf(stderr, "translit: %s\n", err.msg);
        return 1;
    }
    RUN_TEST(test_russian_bgn);
    RUN_TEST(test_ukrainian_national);
    RUN_TEST(test_which_scheme_applies);
    RUN_TEST(test_bad_input);
    if (harness_failures == 0) /* the corpus test may skip the program (exit 77): report failures first */
        RUN_TEST(test_same_as_icu_on_real_text);
    pc_translit_free(translit);
    return TEST_REPORT();
}
