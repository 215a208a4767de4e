/* test_translit.c — unit tests of the Cyrillic to Latin transliteration (src/text/translit.c): tables of words
 * and the Latin form each scheme must give (names as the English press spells them, the word-initial forms of
 * the Ukrainian system, zgh, signs and apostrophes dropped), which scheme applies to which word, and input the
 * schemes must refuse. */
#include "presscut/text/translit.h"

#include <string.h>

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
    pc_translit_free(translit);
    return TEST_REPORT();
}
