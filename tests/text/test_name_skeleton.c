/* test_name_skeleton.c — unit tests of the spelling skeleton (name_skeleton.h) and of the name paradigms
 * (name_inflect.h): which spellings are one name and which stay apart, and which word beginnings are walked. */
#include <string.h>

#include "harness.h"
#include "presscut/text/name_inflect.h"
#include "presscut/text/name_skeleton.h"

/* The skeleton of word, in one of two static buffers used in turn (so that two may be compared). */
static const char *skeleton(const char *word, bool loose_ie)
{
    static char out[2][PC_NAME_SKELETON_MAX + 1];
    static int turn;
    turn = !turn;
    pc_name_skeleton(word, strlen(word), loose_ie, out[turn]);
    return out[turn];
}

static void test_same_and_different_names(void)
{
    CHECK_STR_EQ(skeleton("zelensky", false), skeleton("zelenskyy", false));
    CHECK_STR_EQ(skeleton("zelenskiy", false), skeleton("zelenskyi", false));
    CHECK_STR_EQ(skeleton("zelenskij", false), "zelenski");
    CHECK_STR_EQ(skeleton("kiyev", false), skeleton("kiev", false));
    CHECK(strcmp(skeleton("kyiv", false), skeleton("kiev", false)) != 0);
    CHECK(strcmp(skeleton("kev", false), skeleton("kiev", false)) != 0);
    CHECK_STR_EQ(skeleton("yelena", false), skeleton("elena", false));
    CHECK_STR_EQ(skeleton("pieskov", true), "peskov");
    CHECK_STR_EQ(skeleton("pieskov", false), "pieskov");
    CHECK_STR_EQ(skeleton("klitschko", false), skeleton("klichko", false));
    CHECK_STR_EQ(skeleton("alexei", false), skeleton("aleksey", false));
    CHECK(strcmp(skeleton("khan", false), skeleton("han", false)) != 0);
    CHECK_STR_EQ(skeleton("o'brien", false), "obrien");
    CHECK_STR_EQ(skeleton("café", false), "");
    CHECK_STR_EQ(skeleton("u.s", false), "");
}

typedef struct seen {
    char all[2048];
} seen;

static int remember(void *payload, const char *prefix, size_t len)
{
    seen *s = payload;
    strncat(s->all, prefix, len);
    strcat(s->all, "|");
    return 0;
}

static void test_prefixes(void)
{
    seen s = {""};
    pc_name_skeleton_prefixes("peskov", 6, PC_NAME_CYRILLIC, 3, remember, &s);
    CHECK(str_contains(s.all, "|пес|") || strncmp(s.all, "пес|", strlen("пес|")) == 0);
    CHECK(str_contains(s.all, "пєс|"));
    memset(&s, 0, sizeof s);
    pc_name_skeleton_prefixes("kiv", 3, PC_NAME_CYRILLIC, 3, remember, &s);
    CHECK(str_contains(s.all, "киї|"));
    memset(&s, 0, sizeof s);
    pc_name_skeleton_prefixes("lvov", 4, PC_NAME_CYRILLIC, 3, remember, &s);
    CHECK(str_contains(s.all, "льво|"));
    memset(&s, 0, sizeof s);
    pc_name_skeleton_prefixes("kiv", 3, PC_NAME_LATIN, 2, remember, &s);
    CHECK(str_contains(s.all, "ky|") && str_contains(s.all, "ki|"));
}

static bool has_form(const char *name, const char *form)
{
    pc_name_paradigm p[PC_NAME_MAX_PARADIGMS];
    size_t n = pc_name_paradigms(name, strlen(name), p, PC_NAME_MAX_PARADIGMS);
    for (size_t i = 0; i < n; i++)
        if (pc_name_paradigm_form(&p[i], form, strlen(form)))
            return true;
    return false;
}

static void test_paradigms(void)
{
    CHECK(has_form("путин", "путиным") && has_form("путин", "путина") && !has_form("путин", "путинизм"));
    CHECK(has_form("путін", "путіним") && !has_form("путін", "путиным"));
    CHECK(has_form("київ", "києва") && has_form("київ", "києві") && !has_form("київ", "київська"));
    CHECK(has_form("львів", "львова") && has_form("харків", "харкові"));
    CHECK(has_form("зеленський", "зеленського") && has_form("зеленский", "зеленским"));
    CHECK(has_form("дмитрий", "дмитрия") && !has_form("дмитрий", "дмитрий"));
    CHECK(has_form("москва", "москве") && has_form("америка", "америці") && has_form("росія", "росії"));
    CHECK(has_form("шевченко", "шевченка") && !has_form("шойгу", "шойга"));
    pc_name_paradigm p[PC_NAME_MAX_PARADIGMS];
    CHECK_INT_EQ(pc_name_paradigms("putin", 5, p, PC_NAME_MAX_PARADIGMS), 0);
    CHECK_INT_EQ(pc_name_paradigms("ли", strlen("ли"), p, PC_NAME_MAX_PARADIGMS), 0);
}

static bool vowels_agree(const char *a, const char *b)
{
    return pc_name_cyrillic_vowels_agree(a, strlen(a), b, strlen(b));
}

static void test_cyrillic_vowels(void)
{
    /* Both skeletons are "krim", yet Russian ы is never Ukrainian і: крім is the word "except". */
    CHECK(!vowels_agree("крым", "крім") && !vowels_agree("крім", "крым"));
    CHECK(vowels_agree("крым", "крим") && vowels_agree("путин", "путін"));
    CHECK(vowels_agree("навальный", "навальний") && vowels_agree("зеленский", "зеленський"));
    CHECK(!vowels_agree("сыр", "сїр"));
    CHECK(vowels_agree("киев", "київ")); /* other lengths: not compared */
}

int main(void)
{
    RUN_TEST(test_cyrillic_vowels);
    RUN_TEST(test_same_and_different_names);
    RUN_TEST(test_prefixes);
    RUN_TEST(test_paradigms);
    return TEST_REPORT();
}
