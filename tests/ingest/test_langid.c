/* test_langid.c — unit tests of pc_langid_detect: the backend (exttextcat when its fingerprints are
 * installed, the heuristic without them), each covered language on small texts, unsure cases (short,
 * empty, garbage, uncovered scripts), two threads at once, and accuracy on real news of the shared corpus
 * (BSNLP ru/uk/bg/pl/cs/..., 10kGNAD German, BBC English), sampled so the test stays fast. The full
 * measurement is tests/eval/langid_accuracy.c. */
#include <dirent.h>
#include <pthread.h>
#include <stdbool.h>
#include <sys/wait.h>
#include <unistd.h>

#include "presscut/ingest/langid.h"

#include "harness.h"

static const char *detect(const char *s)
{
    return pc_langid_detect(s, strlen(s));
}

#define LANG_IS(text, code) CHECK_STR_EQ(detect(text), code)
#define LANG_NULL(text) CHECK(detect(text) == NULL)

static void test_languages(void)
{
    LANG_IS("The government said on Friday that it would not change the law, and that the new rules were "
            "already in force.",
            "en");
    LANG_IS("Die Regierung hat am Freitag mitgeteilt, dass sie das Gesetz nicht ändern wird und dass die neuen "
            "Regeln bereits gelten.",
            "de");
    LANG_IS("Le gouvernement a annoncé vendredi qu'il ne modifierait pas la loi et que les nouvelles règles sont "
            "déjà en vigueur dans le pays.",
            "fr");
    LANG_IS("El gobierno dijo el viernes que no cambiará la ley y que las nuevas normas ya están en vigor para "
            "todos los ciudadanos.",
            "es");
    LANG_IS("Il governo ha detto venerdì che non cambierà la legge e che le nuove regole sono già in vigore per "
            "tutti i cittadini della regione.",
            "it");
    LANG_IS("O governo disse na sexta-feira que não vai mudar a lei e que as novas regras já estão em vigor para "
            "todos os cidadãos do país.",
            "pt");
    LANG_IS("De regering heeft vrijdag gezegd dat zij de wet niet zal veranderen en dat de nieuwe regels al van "
            "kracht zijn voor iedereen.",
            "nl");
    LANG_IS("Rząd poinformował w piątek, że nie zmieni prawa, a nowe przepisy już obowiązują i są stosowane przez "
            "wszystkie urzędy.",
            "pl");
    LANG_IS("Vláda v pátek uvedla, že zákon nezmění a že nová pravidla už platí a jsou závazná pro všechny "
            "úřady v zemi.",
            "cs");
    LANG_IS("Правительство заявило в пятницу, что не будет менять закон, и что новые правила уже действуют во "
            "всех регионах страны.",
            "ru");
    LANG_IS("Уряд заявив у п'ятницю, що не змінюватиме закон, і що нові правила вже діють у всіх регіонах "
            "країни.",
            "uk");
    LANG_IS("Правителството заяви в петък, че няма да променя закона и че новите правила вече са в сила във "
            "всички области на страната.",
            "bg");
    LANG_IS("Влада је у петак саопштила да неће мењати закон и да нова правила већ важе у свим регионима "
            "земље, као што је најављено.",
            "sr");
    LANG_IS("Vláda v piatok uviedla, že zákon nezmení a že nové pravidlá už platia a sú záväzné pre všetky "
            "úrady v krajine, ktoré ich budú dodržiavať.",
            "sk");
    LANG_IS("Vlada je v petek sporočila, da zakona ne bo spremenila in da nova pravila že veljajo za vse urade "
            "v državi, kot je bilo napovedano.",
            "sl");
    LANG_IS("Vlada je u petak priopćila da neće mijenjati zakon i da nova pravila već vrijede za sve urede u "
            "zemlji, kako je i najavljeno.",
            "hr");
    /* Macedonian: exttextcat knows it, so it is no longer taken for Bulgarian or Serbian */
    LANG_IS("Владата во петокот соопшти дека нема да го менува законот и дека новите правила веќе се во "
            "сила, ѓубре ѕвезда.",
            "mk");
    /* languages only exttextcat covers */
    LANG_IS("Regeringen meddelade på fredagen att den inte kommer att ändra lagen och att de nya reglerna "
            "redan gäller i hela landet.",
            "sv");
    LANG_IS("A kormány pénteken bejelentette, hogy nem változtat a törvényen, és az új szabályok már "
            "érvényben vannak az egész országban.",
            "hu");
    /* headlines: too short for the word lists, exttextcat decides */
    LANG_IS("Brexit deal rejected by parliament for the third time", "en");
    LANG_IS("Парламент отклонил соглашение о брексите в третий раз", "ru");
    LANG_IS("Η κυβέρνηση ανακοίνωσε την Παρασκευή ότι δεν θα αλλάξει τον νόμο.", "el");
    LANG_IS("قالت الحكومة يوم الجمعة إنها لن تغير القانون وإن القواعد الجديدة سارية بالفعل.", "ar");
    /* upper case, typographic apostrophes, markup noise */
    LANG_IS("THE GOVERNMENT SAID ON FRIDAY THAT IT WOULD NOT CHANGE THE LAW.", "en");
    LANG_IS("Уряд заявив, що з’їзд відбудеться в п’ятницю, і що його не перенесуть.", "uk");
}

static void test_unsure(void)
{
    LANG_NULL("");
    CHECK(pc_langid_detect(NULL, 0) == NULL);
    CHECK(pc_langid_detect("some text", 0) == NULL);
    LANG_NULL("Kyiv");                     /* under 12 letters */
    LANG_NULL("Nord Stream 2");
    LANG_NULL("12345 67890 !!! ???");
    LANG_NULL("=== *** --- +++ ### @@@ 123 456");
    LANG_NULL("xqzvb kjhgw wrtpq zzxcv bnmlk"); /* no language stands out */
    LANG_NULL("北京是中华人民共和国的首都，也是全国的政治和文化中心。"); /* CJK: not covered */
    LANG_NULL("ქართული ენა ქართველური ენების ოჯახს მიეკუთვნება."); /* Georgian: not covered */
    /* half Latin, half Cyrillic: no script has most letters... or one does, and decides */
    const char *mixed_scripts = pc_langid_detect("the law and the rules Закон и правила", 37);
    CHECK(mixed_scripts == NULL || strcmp(mixed_scripts, "en") == 0 || strcmp(mixed_scripts, "ru") == 0);
    /* half English, half German: one of the two or unsure, never a third language */
    const char *half = detect("the law and the rules; das Gesetz und die Regeln der Stadt.");
    CHECK(half == NULL || strcmp(half, "en") == 0 || strcmp(half, "de") == 0);
    /* invalid UTF-8 and controls do not crash */
    LANG_NULL("\xFF\xFE\xFD\x80\x80");
    const char *cut = "The government said that the new rules are in force \xC3";
    CHECK_STR_EQ(pc_langid_detect(cut, strlen(cut)), "en"); /* a cut last character */
    LANG_IS("The man\xFF and the woman \xC0\xAF of the town are in the house.", "en");
    LANG_IS("The\x01 government\x1B[0m said that the new rules\x7F are in force.", "en");
    /* the length bounds the text */
    const char *russian = "Правительство заявило, что оно не будет менять этот закон, и что новые правила уже "
                          "действуют.";
    char mixed[512];
    snprintf(mixed, sizeof mixed, "%s The government said that it would not change the law, and that the new rules "
             "were in force.", russian);
    CHECK_STR_EQ(pc_langid_detect(mixed, strlen(russian)), "ru");
    CHECK_STR_EQ(detect(mixed + strlen(russian)), "en");
}

static void test_huge(void)
{
    /* 2 MB: only the start is read, the answer comes from it */
    size_t n = 2u << 20;
    char *big = malloc(n + 1);
    CHECK(big != NULL);
    if (!big)
        return;
    const char *sentence = "Уряд заявив, що нові правила вже діють і що їх не змінюватимуть. ";
    size_t sl = strlen(sentence);
    for (size_t i = 0; i < n; i += sl)
        memcpy(big + i, sentence, i + sl <= n ? sl : n - i);
    big[n] = '\0';
    CHECK_STR_EQ(pc_langid_detect(big, n), "uk");
    free(big);
}

typedef struct thread_job {
    const char *text, *expect;
    int wrong;
} thread_job;

static void *detect_many(void *arg)
{
    thread_job *job = arg;
    for (int i = 0; i < 300; i++) {
        const char *got = pc_langid_detect(job->text, strlen(job->text));
        if (!got || strcmp(got, job->expect) != 0)
            job->wrong++;
    }
    return NULL;
}

/* Runs first: the two threads race to load the fingerprints, then classify at the same time. */
static void test_threads(void)
{
    thread_job jobs[2] = {
        {"Die Regierung hat am Freitag mitgeteilt, dass sie das Gesetz nicht ändern wird.", "de", 0},
        {"Уряд заявив у п'ятницю, що не змінюватиме закон, і що нові правила вже діють.", "uk", 0},
    };
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        CHECK_INT_EQ(pthread_create(&t[i], NULL, detect_many, &jobs[i]), 0);
    for (int i = 0; i < 2; i++) {
        pthread_join(t[i], NULL);
        CHECK_INT_EQ(jobs[i].wrong, 0);
    }
}

/* Run as `test_langid --fallback-child` with PRESSCUT_TEXTCAT_DIR pointing at nothing: the heuristic
 * answers. Exit status 0 if it does as expected. */
static int fallback_child(void)
{
    const char *text = "Правительство заявило в пятницу, что не будет менять закон, и что новые правила уже "
                       "действуют во всех регионах страны.";
    const char *got = pc_langid_detect(text, strlen(text));
    bool ok = strcmp(pc_langid_backend(), "heuristic") == 0 && got && strcmp(got, "ru") == 0 &&
              pc_langid_detect("Kyiv", 4) == NULL;
    return ok ? 0 : 1;
}

/* The backend: exttextcat when its data is installed; in a fresh process (the fingerprints load once per
 * process) with PRESSCUT_TEXTCAT_DIR pointing at nothing, the heuristic, which still answers. */
static void test_backend(void)
{
    FILE *f = fopen("/usr/share/libexttextcat/en.lm", "r");
    if (f) {
        fclose(f);
        CHECK_STR_EQ(pc_langid_backend(), "exttextcat");
    }
    fflush(stderr);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        setenv("PRESSCUT_TEXTCAT_DIR", "/nonexistent/textcat", 1);
        execl("/proc/self/exe", "test_langid", "--fallback-child", (char *)NULL);
        _exit(2);
    }
    int status = 0;
    if (pid > 0)
        waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* ---- accuracy on real data ---- */

typedef struct tally {
    char lang[4];
    int total, right, unsure;
} tally;

static tally tallies[16];
static int n_tallies;

static tally *tally_for(const char *lang)
{
    for (int i = 0; i < n_tallies; i++)
        if (strcmp(tallies[i].lang, lang) == 0)
            return &tallies[i];
    if (n_tallies == 16)
        return NULL;
    snprintf(tallies[n_tallies].lang, sizeof tallies[n_tallies].lang, "%s", lang);
    return &tallies[n_tallies++];
}

static void judge(const char *truth, const char *text, size_t len)
{
    tally *t = tally_for(truth);
    if (!t)
        return;
    const char *guess = pc_langid_detect(text, len);
    t->total++;
    if (!guess)
        t->unsure++;
    else if (strcmp(guess, truth) == 0)
        t->right++;
}

/* A BSNLP raw document: line 2 is the language (2017 sets say "ua" and "cz"), the text starts at line 5. */
static void judge_bsnlp(const char *path)
{
    size_t len;
    char *buf = (char *)harness_read_file(path, &len);
    if (!buf)
        return;
    char *line2 = strchr(buf, '\n');
    char *text = line2;
    for (int i = 0; i < 3 && text; i++)
        text = strchr(text + 1, '\n');
    if (line2 && text) {
        line2++;
        char truth[4] = "";
        size_t tl = strcspn(line2, "\r\n");
        if (tl == 2)
            memcpy(truth, line2, 2);
        if (strcmp(truth, "ua") == 0)
            strcpy(truth, "uk");
        if (strcmp(truth, "cz") == 0)
            strcpy(truth, "cs");
        if (truth[0])
            judge(truth, text + 1, len - (size_t)(text + 1 - buf));
    }
    free(buf);
}

static double accuracy(const char *lang)
{
    tally *t = tally_for(lang);
    return t && t->total ? 100.0 * t->right / t->total : 0.0;
}

static void test_real_news(void)
{
    const char *corpus = shared_corpus();
    char dir[4400], path[4800];

    static const char *const topics[] = {"asia_bibi", "brexit", "covid-19", "ec", "nord_stream",
                                         "ryanair", "trump", "us_election_2020", "other"};
    static const char *const langs[] = {"ru", "uk", "bg", "pl", "cs", "sl", "hr", "sk"};
    size_t seen = 0;
    for (size_t t = 0; t < sizeof topics / sizeof *topics; t++)
        for (size_t l = 0; l < sizeof langs / sizeof *langs; l++) {
            snprintf(dir, sizeof dir, "%s/bsnlp-slavic-news/%s/raw/%s", corpus, topics[t], langs[l]);
            DIR *d = opendir(dir);
            if (!d)
                continue;
            struct dirent *e;
            while ((e = readdir(d)) != NULL) {
                if (e->d_name[0] == '.' || seen++ % 3 != 0)
                    continue;
                snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
                judge_bsnlp(path);
            }
            closedir(d);
        }

    /* BBC: English, every 8th file */
    static const char *const categories[] = {"business", "entertainment", "politics", "sport", "tech"};
    seen = 0;
    for (size_t c = 0; c < 5; c++) {
        snprintf(dir, sizeof dir, "%s/bbc-fulltext/bbc/%s", corpus, categories[c]);
        DIR *d = opendir(dir);
        CHECK(d != NULL);
        if (!d)
            continue;
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (e->d_name[0] == '.' || seen++ % 8 != 0)
                continue;
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            size_t len;
            char *buf = (char *)harness_read_file(path, &len);
            if (buf)
                judge("en", buf, len);
            free(buf);
        }
        closedir(d);
    }

    /* 10kGNAD: German, one article per line, every 4th */
    snprintf(path, sizeof path, "%s/10kgnad-de/test.csv", corpus);
    FILE *f = fopen(path, "rb");
    CHECK(f != NULL);
    if (f) {
        char *line = NULL;
        size_t cap = 0;
        ssize_t n;
        int i = 0;
        while ((n = getline(&line, &cap, f)) > 0)
            if (i++ % 4 == 0)
                judge("de", line, (size_t)n);
        free(line);
        fclose(f);
    }

    for (int i = 0; i < n_tallies; i++)
        fprintf(stderr, "  %s: %d/%d right (%.1f%%), %d unsure\n", tallies[i].lang, tallies[i].right,
                tallies[i].total, 100.0 * tallies[i].right / tallies[i].total, tallies[i].unsure);
    CHECK(tally_for("en")->total >= 250);
    CHECK(tally_for("de")->total >= 250);
    CHECK(tally_for("ru")->total >= 250);
    CHECK(tally_for("uk")->total >= 100);
    CHECK(accuracy("en") >= 95.0);
    CHECK(accuracy("de") >= 95.0);
    CHECK(accuracy("ru") >= 95.0);
    CHECK(accuracy("uk") >= 95.0);
    CHECK(accuracy("bg") >= 95.0);
    CHECK(accuracy("pl") >= 95.0);
    CHECK(accuracy("cs") >= 95.0);
    CHECK(accuracy("sl") >= 95.0);
}

/* Fills a stretch of the stack below the caller with `byte`, so that what a later call finds in memory it
 * did not write differs between two calls. */
static __attribute__((noinline)) void dirty_stack(unsigned char byte)
{
    volatile unsigned char junk[64 * 1024];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = byte;
}

static __attribute__((noinline)) const char *detect_after(unsigned char byte, const char *text, size_t len)
{
    dirty_stack(byte);
    return pc_langid_detect(text, len);
}

static void check_same_answer(const char *text, size_t len)
{
    const char *a = detect_after(0x00, text, len);
    const char *b = detect_after(0xD0, text, len);
    const char *c = detect_after(0x5F, text, len);
    CHECK((a == NULL) == (b == NULL) && (a == NULL) == (c == NULL));
    if (a && b && c) {
        CHECK_STR_EQ(a, b);
        CHECK_STR_EQ(a, c);
    }
}

/* The language of a text does not depend on what the stack held before (exttextcat reads a little past the
 * sample it is given: the sample must end in zero bytes). Texts ending in a multi-byte character, cut at
 * every length near the sample's end, so that the bytes after the sample matter if they are not set. */
static void test_same_answer_whatever_the_stack(void)
{
    static const char *const texts[] = {
        "Europska komisija odobrila je sredstva za projekt regionalnoga razvoja u općini Odžak, "
        "a ministarstvo je potpisalo sporazum s Bosnom i Hercegovinom o mostu preko Save.",
        "Ministerstvo zahraničí oznámilo, že vláda schválila dohodu o spolupráci se Slovenskem a "
        "Rakouskem; smlouva začne platit v září.",
        "Президент заявив, що уряд підготує зміни до бюджету, а депутати розглянуть їх наступного тижня.",
    };
    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
        size_t full = strlen(texts[t]);
        for (size_t len = full / 2; len <= full; len++)
            check_same_answer(texts[t], len);
    }
    /* Real articles, longer than the sample: the answer was seen to change between runs for some of them. */
    char dir[4400], path[4800];
    snprintf(dir, sizeof dir, "%s/bsnlp-slavic-news/ec/raw/hr", shared_corpus());
    DIR *d = opendir(dir);
    CHECK(d != NULL);
    size_t files = 0;
    for (struct dirent *e; d && (e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t len = 0;
        unsigned char *text = harness_read_file(path, &len);
        if (!text)
            continue;
        check_same_answer((const char *)text, len);
        free(text);
        files++;
    }
    if (d)
        closedir(d);
    CHECK(files > 10);
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--fallback-child") == 0)
        return fallback_child();
    RUN_TEST(test_threads); /* first: nothing is loaded yet */
    RUN_TEST(test_backend);
    RUN_TEST(test_languages);
    RUN_TEST(test_unsure);
    RUN_TEST(test_huge);
    RUN_TEST(test_same_answer_whatever_the_stack);
    RUN_TEST(test_real_news);
    return TEST_REPORT();
}
