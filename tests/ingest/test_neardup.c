/* test_neardup.c — near-duplicate signatures: identical and typographically different copies agree, an
 * edited copy stays above the threshold and shares a band key, a different story on the same topic stays
 * below, short texts get exact signatures, the estimate follows the exact Jaccard similarity, and the
 * stored form round-trips. */
#include "presscut/ingest/neardup.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

/* ---- fixtures ---------------------------------------------------------------------------------------- */

static uint64_t rng_state;

static uint32_t rng(void)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(rng_state >> 33);
}

/* Appends `n` words drawn from a topic vocabulary of `vocab` words ("w0".."w{vocab-1}") to buf. */
static void append_words(char *buf, size_t size, size_t n, unsigned vocab)
{
    size_t len = strlen(buf);
    for (size_t i = 0; i < n && len + 16 < size; i++)
        len += (size_t)snprintf(buf + len, size - len, "%sw%u", len ? " " : "", rng() % vocab);
}

/* Appends the words "t<first>" .. "t<first+n-1>" (all distinct). */
static void append_sequence(char *buf, size_t size, unsigned first, unsigned n)
{
    size_t len = strlen(buf);
    for (unsigned i = 0; i < n && len + 16 < size; i++)
        len += (size_t)snprintf(buf + len, size - len, "%st%u", len ? " " : "", first + i);
}

static double exact_jaccard(const char *a, const char *b)
{
    uint64_t *sa = NULL, *sb = NULL;
    size_t na = 0, nb = 0;
    CHECK_INT_EQ(pc_neardup_shingles(a, strlen(a), &sa, &na), 0);
    CHECK_INT_EQ(pc_neardup_shingles(b, strlen(b), &sb, &nb), 0);
    double j = pc_neardup_jaccard(sa, na, sb, nb);
    free(sa);
    free(sb);
    return j;
}

static double estimated(const char *a, const char *b)
{
    pc_neardup_signature x, y;
    CHECK(pc_neardup_signature_compute(a, strlen(a), &x));
    CHECK(pc_neardup_signature_compute(b, strlen(b), &y));
    return pc_neardup_similarity(&x, &y);
}

static bool share_band(const char *a, const char *b)
{
    pc_neardup_signature x, y;
    pc_neardup_signature_compute(a, strlen(a), &x);
    pc_neardup_signature_compute(b, strlen(b), &y);
    int64_t kx[PC_NEARDUP_BANDS], ky[PC_NEARDUP_BANDS];
    size_t nx = pc_neardup_band_keys(&x, kx), ny = pc_neardup_band_keys(&y, ky);
    for (size_t i = 0; i < nx; i++)
        for (size_t j = 0; j < ny; j++)
            if (kx[i] == ky[j])
                return true;
    return false;
}

/* ---- tests ------------------------------------------------------------------------------------------- */

static void test_identical_and_typography(void)
{
    const char *a = "Russia’s “denial” came on Tuesday — officials said the attack had stopped; banks were "
                    "back online by 6 p.m. and 1,000 customers were affected.";
    const char *b = "RUSSIA'S \"denial\" came on Tuesday - officials said the attack had stopped, banks were\n"
                    "back online by 6 p.m. and 1,000 customers were affected!";
    pc_neardup_signature x, y;
    CHECK(pc_neardup_signature_compute(a, strlen(a), &x));
    CHECK(pc_neardup_signature_compute(a, strlen(a), &y));
    CHECK(memcmp(&x, &y, sizeof x) == 0);
    CHECK(!x.exact);
    CHECK_INT_EQ(x.shingles, 26 - PC_NEARDUP_SHINGLE + 1); /* 26 words: Russia’s, p.m. and 1,000 are two each */
    CHECK(pc_neardup_signature_compute(b, strlen(b), &y));
    CHECK(memcmp(x.min, y.min, sizeof x.min) == 0);
    CHECK(pc_neardup_similarity(&x, &y) == 1.0);
    /* Accents are kept: a different letter is a different word. */
    CHECK(estimated("café au lait served in the old town square every morning since the war began in spring",
                    "cafe au lait served in the old town square every morning since the war began in spring") < 1.0);
    /* Case folding beyond ASCII. */
    CHECK(estimated("КИЇВ заявив що атака на сайти банків триває вже кілька годин поспіль і посилюється",
                    "Київ заявив що атака на сайти банків триває вже кілька годин поспіль і посилюється") == 1.0);
}

static void test_edited_copy_and_other_story(void)
{
    static char original[8192], edited[8192], other[8192];
    rng_state = 42;
    original[0] = edited[0] = other[0] = '\0';
    /* Five paragraphs of 60 words from one topic's 300-word vocabulary; the copy replaces the third. */
    for (int p = 0; p < 5; p++) {
        char para[1024] = "";
        append_words(para, sizeof para, 60, 300);
        strcat(original, para);
        strcat(original, "\n\n");
        if (p == 2) {
            para[0] = '\0';
            append_words(para, sizeof para, 60, 300);
        }
        strcat(edited, para);
        strcat(edited, "\n\n");
    }
    append_words(other, sizeof other, 300, 300); /* same words, another story */
    double j_edit = exact_jaccard(original, edited);
    CHECK(j_edit > 0.55 && j_edit < 0.75);
    CHECK(estimated(original, edited) >= PC_NEARDUP_THRESHOLD);
    CHECK(share_band(original, edited));
    CHECK(exact_jaccard(original, other) < 0.05);
    CHECK(estimated(original, other) < 0.1);
}

static void test_estimate_accuracy(void)
{
    /* A = t0..t(n-1), B = t(s)..t(s+n-1): exact Jaccard (n-4-s)/(n-4+s) over shingles. */
    static const unsigned shifts[] = {0, 20, 60, 120, 200};
    for (size_t i = 0; i < sizeof shifts / sizeof shifts[0]; i++) {
        static char a[16384], b[16384];
        a[0] = b[0] = '\0';
        append_sequence(a, sizeof a, 0, 404);
        append_sequence(b, sizeof b, shifts[i], 404);
        double exact = exact_jaccard(a, b);
        double want = (400.0 - shifts[i]) / (400.0 + shifts[i]);
        CHECK(fabs(exact - want) < 1e-9);
        double est = estimated(a, b);
        if (fabs(est - exact) > 0.12)
            fprintf(stderr, "shift %u: exact %.3f estimate %.3f\n", shifts[i], exact, est);
        CHECK(fabs(est - exact) <= 0.12); /* about 3 standard deviations with 128 bins */
    }
    /* Disjoint texts. */
    static char a[8192], b[8192];
    a[0] = b[0] = '\0';
    append_sequence(a, sizeof a, 0, 300);
    append_sequence(b, sizeof b, 1000, 300);
    CHECK(exact_jaccard(a, b) == 0.0);
    CHECK(estimated(a, b) < 0.05);
}

static void test_short_texts(void)
{
    pc_neardup_signature x, y;
    const char *brief = "Metro station reopens after repairs on Monday"; /* 7 words: 3 shingles */
    CHECK(pc_neardup_signature_compute(brief, strlen(brief), &x));
    CHECK(x.exact);
    CHECK(x.key != 0);
    CHECK(pc_neardup_signature_compute("metro STATION reopens, after repairs on Monday.", 47, &y));
    CHECK(pc_neardup_similarity(&x, &y) == 1.0);
    const char *other = "Metro station reopens after repairs on Tuesday";
    CHECK(pc_neardup_signature_compute(other, strlen(other), &y));
    CHECK(pc_neardup_similarity(&x, &y) == 0.0);
    int64_t keys[PC_NEARDUP_BANDS];
    CHECK_INT_EQ(pc_neardup_band_keys(&x, keys), 1);
    CHECK_INT_EQ(keys[0], (int64_t)(uint32_t)x.key);
    CHECK(pc_neardup_signature_compute("Two words", 9, &x) && x.exact);
    /* No word at all: no signature. */
    CHECK(!pc_neardup_signature_compute("", 0, &x));
    CHECK(!pc_neardup_signature_compute(" — … !! \n\n ", 16, &x));
    CHECK(!pc_neardup_signature_compute(NULL, 0, &x));
    pc_neardup_signature *sig = (pc_neardup_signature *)&x;
    CHECK_INT_EQ(pc_neardup_signature_new("...", 3, &sig), 0);
    CHECK(sig == NULL);
    /* An exact signature never matches a MinHash one. */
    static char longer[4096] = "";
    append_sequence(longer, sizeof longer, 0, 100);
    CHECK(pc_neardup_signature_compute(brief, strlen(brief), &x));
    CHECK(pc_neardup_signature_compute(longer, strlen(longer), &y));
    CHECK(pc_neardup_similarity(&x, &y) == 0.0);
    /* Invalid UTF-8 only separates words. */
    const char bad[] = "bank\xff\xfe websites \xc3 knocked offline in the afternoon after an attack";
    CHECK(pc_neardup_signature_compute(bad, sizeof bad - 1, &x));
}

static void test_stored_form(void)
{
    static char text[4096] = "";
    append_sequence(text, sizeof text, 0, 100);
    pc_neardup_signature *sig = NULL, back;
    CHECK_INT_EQ(pc_neardup_signature_new(text, strlen(text), &sig), 0);
    CHECK(sig != NULL);
    if (!sig)
        return;
    unsigned char blob[PC_NEARDUP_BLOB_BYTES];
    CHECK_INT_EQ(pc_neardup_signature_encode(sig, blob), PC_NEARDUP_BLOB_BYTES);
    CHECK(pc_neardup_signature_decode(blob, PC_NEARDUP_BLOB_BYTES, &back));
    CHECK(memcmp(back.min, sig->min, sizeof back.min) == 0);
    CHECK(!back.exact);
    CHECK(!pc_neardup_signature_decode(blob, 17, &back));
    CHECK(!pc_neardup_signature_decode(NULL, 0, &back));
    /* Minima fit in 16 bits, band keys in 32. */
    uint32_t widest = 0;
    for (size_t i = 0; i < PC_NEARDUP_HASHES; i++)
        widest |= sig->min[i];
    CHECK(widest > 0 && widest <= 0xFFFF);
    int64_t keys[PC_NEARDUP_BANDS];
    CHECK_INT_EQ(pc_neardup_band_keys(sig, keys), PC_NEARDUP_BANDS);
    for (size_t b = 0; b < PC_NEARDUP_BANDS; b++)
        CHECK(keys[b] >= 0 && keys[b] <= (int64_t)UINT32_MAX);
    /* The legacy form (32-bit minima, as indexes before schema 008 hold) reads as the same signature. */
    unsigned char legacy[PC_NEARDUP_LEGACY_BLOB_BYTES];
    for (size_t i = 0; i < PC_NEARDUP_HASHES; i++) {
        legacy[i * 4] = blob[i * 2];
        legacy[i * 4 + 1] = blob[i * 2 + 1];
        legacy[i * 4 + 2] = 0x5A; /* high bits the old form kept */
        legacy[i * 4 + 3] = (unsigned char)i;
    }
    CHECK(pc_neardup_signature_decode(legacy, sizeof legacy, &back));
    CHECK(memcmp(back.min, sig->min, sizeof back.min) == 0);
    CHECK(pc_neardup_similarity(&back, sig) == 1.0);
    pc_neardup_signature_free(sig);
    pc_neardup_signature_free(NULL);
    CHECK(pc_neardup_signature_compute("a short note", 12, &back));
    pc_neardup_signature again;
    CHECK_INT_EQ(pc_neardup_signature_encode(&back, blob), PC_NEARDUP_EXACT_BLOB_BYTES);
    CHECK(pc_neardup_signature_decode(blob, PC_NEARDUP_EXACT_BLOB_BYTES, &again));
    CHECK(again.exact && again.key == back.key);
}

/* The sample corpus: the three wire copies of the bank-websites story against the original, and another
 * story of the same storyline. */
static void test_sample_corpus(void)
{
    const char *source = getenv("PRESSCUT_SOURCE");
    char path[4096];
    const char *names[] = {"wire/bank-websites-knocked-offline.txt", "eastbridge-gazette/bank-websites-knocked-offline.txt",
                           "lakeshore-observer/cyberattack-hits-ukrainian-ministry.txt",
                           "kyiv-lantern/bank-websites-knocked-offline.txt", "wire/kremlin-dismisses-outage-claims.txt"};
    char *texts[5];
    size_t len;
    for (int i = 0; i < 5; i++) {
        snprintf(path, sizeof path, "%s/corpus/%s", source ? source : ".", names[i]);
        texts[i] = (char *)harness_read_file(path, &len);
        if (!texts[i]) {
            fprintf(stderr, "cannot read %s (set PRESSCUT_SOURCE)\n", path);
            CHECK(texts[i] != NULL);
            for (int k = 0; k < i; k++)
                free(texts[k]);
            return;
        }
    }
    CHECK(estimated(texts[0], texts[1]) == 1.0);                 /* exact copy */
    CHECK(estimated(texts[0], texts[2]) >= PC_NEARDUP_THRESHOLD); /* new headline, added paragraph */
    CHECK(estimated(texts[0], texts[3]) >= PC_NEARDUP_THRESHOLD); /* reworded sentence, other footer */
    CHECK(exact_jaccard(texts[0], texts[3]) > 0.8);
    CHECK(estimated(texts[0], texts[4]) < 0.2);                   /* same storyline, another story */
    for (int i = 0; i < 5; i++)
        free(texts[i]);
}

int main(void)
{
    RUN_TEST(test_identical_and_typography);
    RUN_TEST(test_edited_copy_and_other_story);
    RUN_TEST(test_estimate_accuracy);
    RUN_TEST(test_short_texts);
    RUN_TEST(test_stored_form);
    RUN_TEST(test_sample_corpus);
    return TEST_REPORT();
}
