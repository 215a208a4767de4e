/* test_boilerplate.c — unit tests for boilerplate.h: furniture phrases, edge blocks anchored by furniture,
 * lines repeated across the articles of one source, what must stay, and headline site suffixes. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "presscut/ingest/boilerplate.h"

static pc_article make(const char *body, const char *source)
{
    pc_article a = {0};
    a.body = strdup(body);
    a.body_len = strlen(body);
    a.source = source ? strdup(source) : NULL;
    return a;
}

static size_t strip_one(pc_article *a)
{
    pc_article *list[1] = {a};
    size_t removed = 99;
    CHECK_INT_EQ(pc_boilerplate_strip(list, 1, NULL, 0, NULL, &removed), 0);
    CHECK_INT_EQ(a->body_len, strlen(a->body));
    return removed;
}

static void test_seed_footers(void)
{
    /* The seed articles' footers: each a phrase, and "Previous Post Next Post" too. */
    pc_article a = make("Moscow says it has no plans to attack.\n\nThe talks failed to bring progress.\n\n"
                        "Post a Comment\n\nPrevious Post Next Post",
                        NULL);
    CHECK_INT_EQ(strip_one(&a), 2);
    CHECK_STR_EQ(a.body, "Moscow says it has no plans to attack.\n\nThe talks failed to bring progress.");
    pc_article_clear(&a);

    a = make("U.S. officials dismissed the statements as “a mockery of public comment.”\n\nSource link\n\n"
             "Related Articles\n\nBack to top button",
             NULL);
    CHECK_INT_EQ(strip_one(&a), 3);
    CHECK_STR_EQ(a.body, "U.S. officials dismissed the statements as “a mockery of public comment.”");
    pc_article_clear(&a);
}

static void test_edge_block_needs_furniture(void)
{
    /* Short unpunctuated lines closing a sports report are the report's own: no furniture beside them. */
    const char *report = "Ireland face Scotland in the last round.\n\nLansdowne Road, Dublin\n\nSunday, 27 February\n\n1500 GMT";
    pc_article a = make(report, NULL);
    CHECK_INT_EQ(strip_one(&a), 0);
    CHECK_STR_EQ(a.body, report);
    pc_article_clear(&a);

    /* Beside furniture they go with it: "World News" and "Top Stories" with "Share this". */
    a = make("World News\n\nShare this\n\nThe minister resigned on Monday.\n\nIt was a surprise.\n\nTop Stories\n\n"
             "Follow us on Telegram",
             NULL);
    CHECK_INT_EQ(strip_one(&a), 4);
    CHECK_STR_EQ(a.body, "The minister resigned on Monday.\n\nIt was a surprise.");
    pc_article_clear(&a);

    /* A furniture phrase in a long real sentence stays: only short lines are furniture. */
    const char *real = "The company said its new cookie policy would apply to every customer in the European Union "
                       "from next month, after complaints from regulators.";
    a = make(real, NULL);
    CHECK_INT_EQ(strip_one(&a), 0);
    CHECK_STR_EQ(a.body, real);
    pc_article_clear(&a);
}

static void test_mid_article_and_cyrillic(void)
{
    pc_article a = make("Перший абзац статті.\nЧитайте також: новини дня\nДругий рядок абзацу.\n\nАдвокат заявив про "
                        "апеляцію.\n\nAdvertisement\n\nThe end.",
                        NULL);
    CHECK_INT_EQ(strip_one(&a), 2);
    CHECK_STR_EQ(a.body, "Перший абзац статті.\nДругий рядок абзацу.\n\nАдвокат заявив про апеляцію.\n\nThe end.");
    pc_article_clear(&a);
}

static void test_all_furniture_kept(void)
{
    pc_article a = make("Subscribe to our newsletter\n\nShare this article", NULL);
    CHECK_INT_EQ(strip_one(&a), 0); /* nothing would be left: kept as it is */
    CHECK_STR_EQ(a.body, "Subscribe to our newsletter\n\nShare this article");
    pc_article_clear(&a);
    pc_article empty = make("", NULL);
    CHECK_INT_EQ(strip_one(&empty), 0);
    pc_article_clear(&empty);
}

static void test_repeated_lines_per_source(void)
{
    enum { N = 6 };
    pc_article arts[N];
    pc_article *list[N];
    char body[512];
    for (int i = 0; i < N; i++) {
        /* Source A repeats a footer in 5 articles, with varying case and spacing; source B says the same
         * line once: it stays there. */
        const char *source = i < 5 ? "lakeshore" : "other";
        snprintf(body, sizeof body,
                 "Story number %d begins with a long sentence about the harbour and the town council.\n\n"
                 "The council met on day %d and agreed a budget.\n\n%s",
                 i, i, i % 2 ? "Lakeshore  Observer  MEDIA GROUP" : "Lakeshore Observer Media Group");
        arts[i] = make(body, source);
        list[i] = &arts[i];
    }
    size_t removed = 0;
    CHECK_INT_EQ(pc_boilerplate_strip(list, N, NULL, 0, NULL, &removed), 0);
    CHECK_INT_EQ(removed, 5);
    for (int i = 0; i < 5; i++)
        CHECK(strstr(arts[i].body, "Media Group") == NULL && strstr(arts[i].body, "MEDIA GROUP") == NULL);
    CHECK(strstr(arts[5].body, "MEDIA GROUP") != NULL); /* another source: stays */
    /* Real sentences shared by fewer than 3 articles stay. */
    CHECK(strstr(arts[0].body, "agreed a budget.") != NULL);
    for (int i = 0; i < N; i++)
        pc_article_clear(&arts[i]);
}

static void test_repeated_needs_enough_articles(void)
{
    /* The same closing line in 2 of 2 articles is not enough evidence. */
    pc_article a = make("First story text is here and long enough.\n\nLakeshore desk", "x");
    pc_article b = make("Second story text is here and long enough.\n\nLakeshore desk", "x");
    pc_article *list[2] = {&a, &b};
    size_t removed = 1;
    CHECK_INT_EQ(pc_boilerplate_strip(list, 2, NULL, 0, NULL, &removed), 0);
    CHECK_INT_EQ(removed, 0);
    CHECK(strstr(a.body, "Lakeshore desk") != NULL);
    pc_article_clear(&a);
    pc_article_clear(&b);
    CHECK_INT_EQ(pc_boilerplate_strip(NULL, 0, NULL, 0, NULL, NULL), 0);
}

static void test_known_repeated_lines(void)
{
    /* The edge lines' keys are recorded before cleaning, sorted and distinct, seeded by the source. */
    pc_article a = make("Harbour Radio, your voice on the lake\n\nThe council met on Monday and agreed the budget "
                        "after a long debate about the harbour.\n\nHarbour Radio, your voice on the lake",
                        "harbour-radio");
    pc_article other_source = make("Harbour Radio, your voice on the lake\n\nA long sentence about the weather on the "
                                   "lake and the boats that sail on it.",
                                   "lake-weekly");
    pc_article *both[2] = {&a, &other_source};
    pc_edge_lines first[2] = {{0}};
    CHECK_INT_EQ(pc_boilerplate_strip(both, 2, NULL, 0, first, NULL), 0);
    CHECK_INT_EQ(first[0].n, 1); /* the same line twice: one key */
    CHECK_INT_EQ(first[1].n, 1);
    CHECK(first[0].keys[0] != first[1].keys[0]); /* another source, another key */
    CHECK(strstr(a.body, "Harbour Radio") != NULL);              /* not known yet: kept */

    /* Once the store knows the key, the line goes from the source's articles, and only from them. */
    uint64_t known[2] = {first[0].keys[0], first[0].keys[0] + 1};
    if (known[1] < known[0]) {
        uint64_t t = known[0];
        known[0] = known[1];
        known[1] = t;
    }
    pc_article b = make("The ferry timetable changes on Monday, the harbour master said in a statement.\n\n"
                        "Harbour  Radio, your voice on the LAKE",
                        "harbour-radio");
    pc_article c = make("The ferry timetable changes on Monday, the harbour master said in a statement.\n\n"
                        "Harbour Radio, your voice on the lake",
                        "lake-weekly");
    pc_article *next[2] = {&b, &c};
    size_t removed = 0;
    pc_edge_lines lines[2] = {{0}};
    CHECK_INT_EQ(pc_boilerplate_strip(next, 2, known, 2, lines, &removed), 0);
    CHECK_INT_EQ(removed, 1);
    CHECK_STR_EQ(b.body, "The ferry timetable changes on Monday, the harbour master said in a statement.");
    CHECK(strstr(c.body, "Harbour Radio") != NULL);
    CHECK_INT_EQ(lines[0].n, 1); /* recorded as it was before cleaning */
    CHECK(lines[0].keys[0] == first[0].keys[0]);
    for (size_t i = 0; i < 2; i++) {
        pc_edge_lines_clear(&first[i]);
        pc_edge_lines_clear(&lines[i]);
    }
    pc_edge_lines_clear(NULL);
    pc_article_clear(&a);
    pc_article_clear(&other_source);
    pc_article_clear(&b);
    pc_article_clear(&c);
}

static void test_is_furniture_line(void)
{
    CHECK(pc_boilerplate_is_furniture_line("  Share this article ", 21));
    CHECK(pc_boilerplate_is_furniture_line("Accept cookies", 14));
    CHECK(!pc_boilerplate_is_furniture_line("Published: March 6, 2022", 24));
    CHECK(!pc_boilerplate_is_furniture_line("", 0));
}

/* Whether the phrase rule removes `line` from the middle of an article (no edge block, no repeats). */
static bool strips_line(const char *line)
{
    char body[1024];
    snprintf(body, sizeof body, "The first paragraph is a full sentence about the harbour.\n\n%s\n\n"
             "The last paragraph is another full sentence about the town.", line);
    pc_article a = make(body, NULL);
    strip_one(&a);
    bool gone = strstr(a.body, line) == NULL;
    pc_article_clear(&a);
    return gone;
}

static void test_phrases_match_whole_words(void)
{
    /* A phrase inside a longer word is not the phrase: "share one" is not "share on". */
    CHECK(!strips_line("WOULD SHARE ONE NATIONALITY, BUT EACH OF THE THREE REGIONS WOULD BE"));
    CHECK(!strips_line("News-Watch subscribers can insert their own advertisements and announcements."));
    CHECK(!strips_line("GE said GEnie has about 45,000 on-line subscribers"));
    CHECK(!strips_line("Рекламации поступили от трёх заводов"));
    /* The whole words, in Latin and Cyrillic script, in any case, next to punctuation. */
    CHECK(strips_line("Share on Facebook"));
    CHECK(strips_line("SHARE ON: Twitter"));
    CHECK(strips_line("Advertisement"));
    CHECK(strips_line("Most popular"));
    CHECK(strips_line("РЕКЛАМА"));
    CHECK(strips_line("Комментарии (12)"));
    CHECK(strips_line("Читайте також: новини дня"));
    CHECK(strips_line("© 2014 BBC"));
}

static void test_labels_in_sentences_stay(void)
{
    /* Labels are ordinary words too: a short line reading as a sentence keeps them. */
    CHECK(!strips_line("Most popular among voters was the tax cut."));
    CHECK(!strips_line("The stock closed at 29.25 dlrs a share on Friday."));
    CHECK(!strips_line("The advertisement was pulled after complaints."));
    CHECK(!strips_line("Комментарии пользователей размещаются без редактирования."));
    /* ... but not with too few other words, nor without a sentence end. */
    CHECK(strips_line("Subscribe to our newsletter."));
    CHECK(strips_line("Most popular among voters"));
    /* Calls go even as a sentence. */
    CHECK(strips_line("Follow us on Twitter for the latest news."));
    CHECK(strips_line("Подписывайтесь на наш канал в Telegram и присоединяйтесь к нам!"));
    CHECK(strips_line("Оставлять комментарии могут только авторизованные пользователи."));
}

static void test_capitalised_phrases_match(void)
{
    /* The table has phrases written with capitals; lines are folded the same way as the table. */
    CHECK(strips_line("Lesen Sie auch: Die Wahl in Bayern"));
    CHECK(strips_line("ANZEIGE"));
    CHECK(strips_line("Teilen"));
    CHECK(strips_line("Lire aussi"));
    CHECK(strips_line("partager"));
}

/* Writes phrase into out with every letter in upper case (ASCII and Cyrillic) */
static void upper_case(const char *phrase, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; phrase[i] && o + 4 < cap;) {
        unsigned char c = (unsigned char)phrase[i];
        if (c >= 'a' && c <= 'z') {
            out[o++] = (char)(c - 32);
            i++;
        } else if (c == 0xD0 && (unsigned char)phrase[i + 1] >= 0xB0 && (unsigned char)phrase[i + 1] <= 0xBF) {
            out[o++] = (char)0xD0; /* а..п -> А..П */
            out[o++] = (char)((unsigned char)phrase[i + 1] - 0x20);
            i += 2;
        } else if (c == 0xD1 && (unsigned char)phrase[i + 1] >= 0x80 && (unsigned char)phrase[i + 1] <= 0x8F) {
            out[o++] = (char)0xD0; /* р..я -> Р..Я */
            out[o++] = (char)((unsigned char)phrase[i + 1] + 0x20);
            i += 2;
        } else {
            out[o++] = phrase[i++];
        }
    }
    out[o] = '\0';
}

static void test_every_phrase_can_match(void)
{
    /* Each phrase of the table, as written and in capitals, makes a furniture line; with a letter glued to it
     * (a longer word), it does not. */
    size_t i = 0;
    for (const char *phrase; (phrase = pc_boilerplate_phrase(i)); i++) {
        char upper[128], glued[128];
        upper_case(phrase, upper, sizeof upper);
        size_t n = strlen(phrase);
        bool ends_in_letter = phrase[n - 1] >= 'a' && phrase[n - 1] <= 'z';
        snprintf(glued, sizeof glued, "%sxq", phrase);
        bool as_written = pc_boilerplate_is_furniture_line(phrase, n) && strips_line(phrase);
        bool in_capitals = pc_boilerplate_is_furniture_line(upper, strlen(upper));
        bool glued_kept = !ends_in_letter || !pc_boilerplate_is_furniture_line(glued, strlen(glued));
        if (!as_written || !in_capitals || !glued_kept)
            fprintf(stderr, "phrase \"%s\": as written %d, in capitals %d, glued to a word kept %d\n", phrase,
                    as_written, in_capitals, glued_kept);
        CHECK(as_written && in_capitals && glued_kept);
        size_t code_points = 0; /* boilerplate.c folds phrases into arrays of 32 code points */
        for (size_t k = 0; k < n; k++)
            code_points += ((unsigned char)phrase[k] & 0xC0) != 0x80;
        CHECK(code_points < 32);
    }
    CHECK(i > 50);
}

static void test_clean_title(void)
{
    char t1[] = "Russia is preparing an excuse to invade Ukraine: US official | Conflict News";
    pc_boilerplate_clean_title(t1);
    CHECK_STR_EQ(t1, "Russia is preparing an excuse to invade Ukraine: US official");
    char t2[] = "Markets | Stocks fall as oil climbs | Lakeshore Observer";
    pc_boilerplate_clean_title(t2);
    CHECK_STR_EQ(t2, "Markets | Stocks fall as oil climbs");
    char t3[] = "Left | right: a long debate about the party system and its many factions";
    pc_boilerplate_clean_title(t3); /* too long to be a site name */
    CHECK_STR_EQ(t3, "Left | right: a long debate about the party system and its many factions");
    char t4[] = "No bar here";
    pc_boilerplate_clean_title(t4);
    CHECK_STR_EQ(t4, "No bar here");
    pc_boilerplate_clean_title(NULL);
}

int main(void)
{
    RUN_TEST(test_seed_footers);
    RUN_TEST(test_edge_block_needs_furniture);
    RUN_TEST(test_mid_article_and_cyrillic);
    RUN_TEST(test_all_furniture_kept);
    RUN_TEST(test_repeated_lines_per_source);
    RUN_TEST(test_repeated_needs_enough_articles);
    RUN_TEST(test_known_repeated_lines);
    RUN_TEST(test_is_furniture_line);
    RUN_TEST(test_phrases_match_whole_words);
    RUN_TEST(test_labels_in_sentences_stay);
    RUN_TEST(test_capitalised_phrases_match);
    RUN_TEST(test_every_phrase_can_match);
    RUN_TEST(test_clean_title);
    return TEST_REPORT();
}
