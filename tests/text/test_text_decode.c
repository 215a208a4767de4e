/* test_text_decode.c — unit tests of pc_text_decode and the UTF-8 helpers: BOMs, UTF-16, the Windows-1252
 * fallback (on the real Latin-1 BBC file), UTF-8 repair, line ends, control characters and escapes. */
#include "presscut/text/text_decode.h"

#include <stdint.h>

#include "harness.h"

/* Decodes a byte string (given with its length, it may contain NULs) and returns the code; the text goes to
 * *out. */
static int decode(const char *bytes, size_t len, pc_decoded_text *out, pc_error *err)
{
    pc_error_clear(err);
    return pc_text_decode((const unsigned char *)bytes, len, out, err);
}

#define DECODE_OK(bytes, expected, enc)                                                                    \
    do {                                                                                                   \
        pc_decoded_text d;                                                                                 \
        pc_error e;                                                                                        \
        int rc = decode(bytes, sizeof(bytes) - 1, &d, &e);                                                 \
        CHECK_INT_EQ(rc, 0);                                                                               \
        if (rc == 0) {                                                                                     \
            CHECK_STR_EQ(d.text, expected);                                                                \
            CHECK_INT_EQ(d.len, strlen(expected));                                                         \
            CHECK_INT_EQ(d.encoding, enc);                                                                 \
            free(d.text);                                                                                  \
        } else {                                                                                           \
            fprintf(stderr, "  error: %s\n", e.msg);                                                       \
        }                                                                                                  \
    } while (0)

static void test_plain_utf8(void)
{
    DECODE_OK("hello world", "hello world", PC_ENC_UTF8);
    DECODE_OK("\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2", "Київ", PC_ENC_UTF8);
    DECODE_OK("\xF0\x9F\x93\xB0 news", "\xF0\x9F\x93\xB0 news", PC_ENC_UTF8); /* 4-byte sequence */
    /* a real U+FFFD in the input is valid and is not counted as a repair */
    pc_decoded_text d;
    pc_error e;
    CHECK_INT_EQ(decode("a\xEF\xBF\xBD" "b", 5, &d, &e), 0);
    CHECK_INT_EQ(d.encoding, PC_ENC_UTF8);
    CHECK_INT_EQ(d.repaired, 0);
    free(d.text);
}

static void test_bom(void)
{
    DECODE_OK("\xEF\xBB\xBFTitle\nbody", "Title\nbody", PC_ENC_UTF8);
    /* a BOM in the middle (files glued together) is dropped too, and counted */
    pc_decoded_text d;
    pc_error e;
    CHECK_INT_EQ(decode("a\xEF\xBB\xBF" "b", 5, &d, &e), 0);
    CHECK_STR_EQ(d.text, "ab");
    CHECK_INT_EQ(d.removed_controls, 1);
    free(d.text);
    /* a BOM forces UTF-8 even without multi-byte sequences: the lone 0xA3 is repaired, not read as CP1252 */
    CHECK_INT_EQ(decode("\xEF\xBB\xBF\xA3" "5", 5, &d, &e), 0);
    CHECK_STR_EQ(d.text, "\xEF\xBF\xBD" "5");
    CHECK_INT_EQ(d.encoding, PC_ENC_UTF8_REPAIRED);
    free(d.text);
}

static void test_utf16(void)
{
    /* "Hi £€\r\n" + U+1F4F0 (surrogate pair) in UTF-16 LE and BE */
    DECODE_OK("\xFF\xFEH\0i\0 \0\xA3\0\xAC\x20\r\0\n\0\x3D\xD8\xF0\xDC", "Hi £€\n\xF0\x9F\x93\xB0", PC_ENC_UTF16);
    DECODE_OK("\xFE\xFF\0H\0i\0 \0\xA3\x20\xAC\0\r\0\n\xD8\x3D\xDC\xF0", "Hi £€\n\xF0\x9F\x93\xB0", PC_ENC_UTF16);
    /* Cyrillic in UTF-16 LE */
    DECODE_OK("\xFF\xFE\x1A\x04\x38\x04\x57\x04\x32\x04", "Київ", PC_ENC_UTF16);
    /* without a BOM: recognised by NUL bytes on the high byte of every Latin unit, LE and BE, also when
     * only the spaces have one (Cyrillic) */
    DECODE_OK("H\0i\0 \0\xA3\0\xAC\x20\r\0\n\0\x3D\xD8\xF0\xDC", "Hi £€\n\xF0\x9F\x93\xB0", PC_ENC_UTF16);
    DECODE_OK("\0H\0i\0 \0\xA3\x20\xAC\0\r\0\n\xD8\x3D\xDC\xF0", "Hi £€\n\xF0\x9F\x93\xB0", PC_ENC_UTF16);
    DECODE_OK("\x1A\x04\x38\x04\x57\x04\x32\x04 \0\x1A\x04\x38\x04\x57\x04\x32\x04", "Київ Київ", PC_ENC_UTF16);

    pc_decoded_text d;
    pc_error e;
    /* unpaired surrogates and an odd last byte are replaced and counted */
    const char lone[] = "\xFF\xFE" "a\0" "\x00\xD8" "b\0" "\x00\xDC" "c";
    CHECK_INT_EQ(decode(lone, sizeof lone - 1, &d, &e), 0);
    CHECK_STR_EQ(d.text, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK_INT_EQ(d.repaired, 3);
    CHECK_INT_EQ(d.encoding, PC_ENC_UTF16);
    free(d.text);
    /* UTF-16 NUL characters are controls: removed, not a binary-file error */
    const char nul16[] = "\xFF\xFEx\0\0\0y\0";
    CHECK_INT_EQ(decode(nul16, sizeof nul16 - 1, &d, &e), 0);
    CHECK_STR_EQ(d.text, "xy");
    CHECK_INT_EQ(d.removed_controls, 1);
    free(d.text);
    /* a BOM alone is an empty file */
    CHECK_INT_EQ(decode("\xFF\xFE", 2, &d, &e), PC_EFORMAT);
    CHECK_STR_EQ(e.msg, "empty file");
    CHECK(d.text == NULL);
    /* UTF-32 is refused with a message saying what to do */
    CHECK_INT_EQ(decode("\xFF\xFE\0\0x\0\0\0", 8, &d, &e), PC_EFORMAT);
    CHECK(strstr(e.msg, "utf-32") != NULL && strstr(e.msg, "convert") != NULL);
}

static void test_nul_is_binary(void)
{
    pc_decoded_text d;
    pc_error e;
    CHECK_INT_EQ(decode("abc\0def", 7, &d, &e), PC_EFORMAT);
    CHECK_STR_EQ(e.msg, "binary file (NUL byte at offset 3)");
    CHECK_INT_EQ(e.code, PC_EFORMAT);
    CHECK(d.text == NULL);
    CHECK_INT_EQ(decode("\0", 1, &d, &e), PC_EFORMAT);
    CHECK_STR_EQ(e.msg, "binary file (NUL byte at offset 0)");
    /* the offset counts the BOM */
    CHECK_INT_EQ(decode("\xEF\xBB\xBFok\0", 6, &d, &e), PC_EFORMAT);
    CHECK_STR_EQ(e.msg, "binary file (NUL byte at offset 5)");
    /* NULs on every other byte but controls between them: binary, not UTF-16 without a BOM */
    CHECK_INT_EQ(decode("a\0\x01\0b\0", 6, &d, &e), PC_EFORMAT);
    CHECK_STR_EQ(e.msg, "binary file (NUL byte at offset 1)");
    CHECK_INT_EQ(decode("a\0\0\0", 4, &d, &e), PC_EFORMAT); /* U+0000 */
    CHECK_INT_EQ(decode("a\0b\0\x00\xDC", 6, &d, &e), PC_EFORMAT); /* a lone low surrogate */
    /* a real binary: PNG header */
    CHECK_INT_EQ(decode("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16, &d, &e), PC_EFORMAT);
    CHECK_STR_EQ(e.msg, "binary file (NUL byte at offset 8)");
}

static void test_cp1252(void)
{
    /* no valid multi-byte sequence and bytes >= 0x80: Windows-1252 */
    DECODE_OK("\xA3" "15.8m caf\xE9 \x93quoted\x94 \x80 5 \x96 end", "£15.8m café “quoted” € 5 – end", PC_ENC_CP1252);
    /* CP1252's undefined bytes map to C1 controls, which are removed */
    pc_decoded_text d;
    pc_error e;
    CHECK_INT_EQ(decode("a\x81" "b\x9D" "c", 5, &d, &e), 0);
    CHECK_STR_EQ(d.text, "abc");
    CHECK_INT_EQ(d.encoding, PC_ENC_CP1252);
    CHECK_INT_EQ(d.removed_controls, 2);
    free(d.text);
}

static void test_cp1252_bbc_file(void)
{
    char path[4300];
    snprintf(path, sizeof path, "%s/bbc-fulltext/bbc/sport/199.txt", shared_corpus());
    FILE *f = fopen(path, "rb");
    CHECK(f != NULL);
    if (!f)
        return;
    unsigned char buf[8192];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    CHECK(n > 300);
    CHECK_INT_EQ(buf[257], 0xA3); /* as SOURCE.md says */
    pc_decoded_text d;
    pc_error e;
    CHECK_INT_EQ(pc_text_decode(buf, n, &d, &e), 0);
    CHECK_INT_EQ(d.encoding, PC_ENC_CP1252);
    CHECK(strstr(d.text, "a \xC2\xA3" "15.8m signing from Parma") != NULL);
    CHECK(strncmp(d.text, "Chelsea sack Mutu\n\nChelsea have sacked Adrian Mutu", 50) == 0);
    CHECK(pc_utf8_valid(d.text, d.len));
    CHECK_INT_EQ(d.len, n + 1); /* exactly one byte grew into two */
    free(d.text);
}

static void test_repair(void)
{
    pc_decoded_text d;
    pc_error e;
    /* a stray Latin-1 byte in otherwise UTF-8 text (as in reut2-017.sgm) */
    const char stray[] = "Kyiv \xD0\x9A growth.\xFC" "side";
    CHECK_INT_EQ(decode(stray, sizeof stray - 1, &d, &e), 0);
    CHECK_STR_EQ(d.text, "Kyiv К growth.\xEF\xBF\xBD" "side");
    CHECK_INT_EQ(d.encoding, PC_ENC_UTF8_REPAIRED);
    CHECK_INT_EQ(d.repaired, 1);
    free(d.text);
    /* a truncated 3-byte sequence is one replacement (maximal subpart); overlong, surrogate, > U+10FFFF */
    const char bad[] = "\xD0\x9A" "a\xE2\x82" "b\xC0\xAF" "c\xED\xA0\x80" "d\xF4\x90\x80\x80" "e\xD0";
    CHECK_INT_EQ(decode(bad, sizeof bad - 1, &d, &e), 0);
    CHECK_STR_EQ(d.text, "Кa\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD" "c\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
                         "d\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "e\xEF\xBF\xBD");
    CHECK_INT_EQ(d.repaired, 11);
    CHECK(pc_utf8_valid(d.text, d.len));
    free(d.text);
}

static void test_line_ends_and_controls(void)
{
    DECODE_OK("a\r\nb\rc\n\rd\r\n\r\ne", "a\nb\nc\n\nd\n\ne", PC_ENC_UTF8);
    DECODE_OK("a\xE2\x80\xA8" "b\xE2\x80\xA9" "c", "a\nb\nc", PC_ENC_UTF8);
    DECODE_OK("page one\fpage\vtwo", "page one\npage\ntwo", PC_ENC_UTF8);
    DECODE_OK("tab\tkept\x01\x02\x7F!", "tab\tkept!", PC_ENC_UTF8);
    /* C1 controls written in UTF-8 (U+0080..U+009F) are removed */
    DECODE_OK("x\xC2\x85y\xC2\x9Fz", "xyz", PC_ENC_UTF8);
    /* no-break spaces stay */
    DECODE_OK("10\xC2\xA0km\xE2\x80\xAFh", "10\xC2\xA0km\xE2\x80\xAFh", PC_ENC_UTF8);

    pc_decoded_text d;
    pc_error e;
    CHECK_INT_EQ(decode("a\x01\x02\x03" "b", 5, &d, &e), 0);
    CHECK_INT_EQ(d.removed_controls, 3);
    free(d.text);
}

static void test_escape_sequences(void)
{
    /* colours, cursor moves, a window title (OSC ended by BEL and by ESC \), charset selection */
    DECODE_OK("\x1B[1;31mRed\x1B[0m text", "Red text", PC_ENC_UTF8);
    DECODE_OK("a\x1B[2J\x1B[Hb", "ab", PC_ENC_UTF8);
    DECODE_OK("\x1B]0;evil title\x07" "Body", "Body", PC_ENC_UTF8);
    DECODE_OK("\x1B]8;;http://x\x1B\\link\x1B]8;;\x1B\\!", "link!", PC_ENC_UTF8);
    DECODE_OK("\x1B(Bplain\x1B" "7saved", "plainsaved", PC_ENC_UTF8);
    DECODE_OK("\x1B[?25lhidden cursor", "hidden cursor", PC_ENC_UTF8);
    /* an unterminated OSC stops at the end of the line */
    DECODE_OK("\x1B]0;no end\nnext line", "\nnext line", PC_ENC_UTF8);
    /* a malformed CSI: what was read is dropped, the rest is text */
    DECODE_OK("\x1B[12\xD0\x9Ax", "Кx", PC_ENC_UTF8);
    /* ESC at the very end */
    DECODE_OK("end\x1B", "end", PC_ENC_UTF8);

    pc_decoded_text d;
    pc_error e;
    const char two[] = "\x1B[1;31mR\x1B[0m";
    CHECK_INT_EQ(decode(two, sizeof two - 1, &d, &e), 0);
    CHECK_STR_EQ(d.text, "R");
    CHECK_INT_EQ(d.removed_controls, 2); /* one per sequence */
    free(d.text);
}

static void test_empty(void)
{
    pc_decoded_text d;
    pc_error e;
    CHECK_INT_EQ(decode("", 0, &d, &e), PC_EFORMAT);
    CHECK_STR_EQ(e.msg, "empty file");
    CHECK(d.text == NULL);
    CHECK_INT_EQ(pc_text_decode(NULL, 0, &d, &e), PC_EFORMAT);
    CHECK_INT_EQ(decode(" \t\r\n\xC2\xA0\xE3\x80\x80\n", 10, &d, &e), PC_EFORMAT);
    CHECK_STR_EQ(e.msg, "empty file");
    CHECK_INT_EQ(decode("\xEF\xBB\xBF", 3, &d, &e), PC_EFORMAT);
    CHECK_INT_EQ(decode("\x1B[0m\x01\n", 6, &d, &e), PC_EFORMAT);
    CHECK_STR_EQ(e.msg, "empty file");
    /* err may be NULL */
    CHECK_INT_EQ(pc_text_decode((const unsigned char *)"", 0, &d, NULL), PC_EFORMAT);
}

static void test_huge(void)
{
    size_t n = 4u << 20;
    unsigned char *buf = malloc(n);
    CHECK(buf != NULL);
    if (!buf)
        return;
    /* "ї\r\n" repeated, with an invalid byte every 4 KB */
    for (size_t i = 0; i + 4 <= n; i += 4) {
        buf[i] = 0xD1;
        buf[i + 1] = 0x97;
        buf[i + 2] = '\r';
        buf[i + 3] = '\n';
    }
    for (size_t i = 4096; i < n; i += 4096)
        buf[i] = 0xFF; /* breaks one "ї": 0xFF and the orphan 0x97 are two repairs */
    pc_decoded_text d;
    pc_error e;
    CHECK_INT_EQ(pc_text_decode(buf, n, &d, &e), 0);
    size_t breaks = n / 4096 - 1;
    CHECK_INT_EQ(d.repaired, 2 * breaks);
    CHECK_INT_EQ(d.len, (n / 4) * 3 + breaks * 4);
    CHECK(pc_utf8_valid(d.text, d.len));
    CHECK(memchr(d.text, '\r', d.len) == NULL);
    free(d.text);
    free(buf);
}

static void test_utf8_helpers(void)
{
    CHECK(pc_utf8_valid("", 0));
    CHECK(pc_utf8_valid("Київ €", strlen("Київ €")));
    CHECK(!pc_utf8_valid("\xC0\x80", 2));
    CHECK(!pc_utf8_valid("\xED\xA0\x80", 3));
    CHECK(!pc_utf8_valid("\xF4\x90\x80\x80", 4));
    CHECK(!pc_utf8_valid("\xE2\x82", 2));
    CHECK(!pc_utf8_valid("\x80", 1));
    CHECK(pc_utf8_valid("\xEF\xBF\xBD", 3));

    unsigned int cp = 0;
    CHECK_INT_EQ(pc_utf8_next("\xE2\x82\xAC", 3, &cp), 3);
    CHECK_INT_EQ(cp, 0x20AC);
    CHECK_INT_EQ(pc_utf8_next("\xE2\x82\xAC", 2, &cp), 2); /* truncated by len */
    CHECK_INT_EQ(cp, 0xFFFD);
    CHECK_INT_EQ(pc_utf8_next("\xFF", 1, &cp), 1);
    CHECK_INT_EQ(cp, 0xFFFD);

    CHECK_INT_EQ(pc_utf8_space_len(" x", 2), 1);
    CHECK_INT_EQ(pc_utf8_space_len("\xC2\xA0", 2), 2);
    CHECK_INT_EQ(pc_utf8_space_len("\xC2\xA0", 1), 0);
    CHECK_INT_EQ(pc_utf8_space_len("\xE2\x80\x89", 3), 3); /* thin space */
    CHECK_INT_EQ(pc_utf8_space_len("\xE2\x80\x8B", 3), 0); /* zero-width space is not white space */
    CHECK_INT_EQ(pc_utf8_space_len("\xE3\x80\x80", 3), 3);
    CHECK_INT_EQ(pc_utf8_space_len("x", 1), 0);
    CHECK_INT_EQ(pc_utf8_space_len("", 0), 0);
}

/* Text decoded elsewhere (HTML references, JSON escapes) is cleaned as a file's text is; clean text is left
 * as it is, not copied. */
static void test_drop_controls(void)
{
    char *text = strdup("Port \xc2\x9b" "31m \x1b[2Jattack\r\n\x1b]0;owned\x07here\xc2\x85 \xef\xbb\xbfnow");
    size_t len = strlen(text);
    CHECK_INT_EQ(pc_text_drop_controls(&text, &len), 0);
    CHECK_STR_EQ(text, "Port 31m attack\nhere now");
    CHECK_INT_EQ(len, strlen(text));
    char *clean = text;
    CHECK_INT_EQ(pc_text_drop_controls(&text, &len), 0);
    CHECK(text == clean);
    free(text);
    size_t n = 0;
    char *kept = pc_text_without_escapes("a\x1b[1mb\x01" "c\xc2\x85" "d", 11, &n);
    CHECK_STR_EQ(kept, "ab\x01" "c\xc2\x85" "d"); /* only the escape sequence goes */
    CHECK_INT_EQ(n, 7);
    free(kept);
}

int main(void)
{
    RUN_TEST(test_plain_utf8);
    RUN_TEST(test_bom);
    RUN_TEST(test_utf16);
    RUN_TEST(test_nul_is_binary);
    RUN_TEST(test_cp1252);
    RUN_TEST(test_repair);
    RUN_TEST(test_line_ends_and_controls);
    RUN_TEST(test_escape_sequences);
    RUN_TEST(test_empty);
    RUN_TEST(test_huge);
    RUN_TEST(test_utf8_helpers);
    RUN_TEST(test_drop_controls);
    RUN_TEST(test_cp1252_bbc_file); /* needs the shared corpus: last, so a skip hides nothing */
    return TEST_REPORT();
}
