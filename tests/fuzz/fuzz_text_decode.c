/* fuzz_text_decode.c — fuzz target of text decoding (src/text/text_decode.c): any bytes in, and what comes
 * out must be what text_decode.h promises: valid UTF-8 of the stated length without NUL, CR or control
 * characters other than TAB and LF (nor C1 controls), and not only white space. */
#include "fuzz_target.h"
#include "presscut/text/text_decode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_MAX_INPUT)
        return 0;
    pc_decoded_text out;
    pc_error err;
    pc_error_clear(&err);
    int rc = pc_text_decode(data, size, &out, &err);
    if (rc != 0) {
        FUZZ_CHECK(rc == PC_EFORMAT || rc == PC_ENOMEM);
        FUZZ_CHECK(err.msg[0] != '\0');
        return 0;
    }
    FUZZ_CHECK(out.text != NULL && out.text[out.len] == '\0' && strlen(out.text) == out.len);
    FUZZ_CHECK(pc_utf8_valid(out.text, out.len));
    bool only_space = true;
    size_t at = 0;
    while (at < out.len) {
        unsigned int cp = 0;
        size_t n = pc_utf8_next(out.text + at, out.len - at, &cp);
        FUZZ_CHECK(n > 0);
        FUZZ_CHECK(cp == '\t' || cp == '\n' || (cp >= 0x20 && cp != 0x7f && (cp < 0x80 || cp > 0x9f)));
        FUZZ_CHECK(cp != 0x2028 && cp != 0x2029);
        if (cp != ' ' && cp != '\t' && cp != '\n')
            only_space = false;
        at += n;
    }
    FUZZ_CHECK(!only_space);
    if (out.encoding != PC_ENC_UTF8_REPAIRED && out.encoding != PC_ENC_UTF16)
        FUZZ_CHECK(out.repaired == 0);
    free(out.text);
    return 0;
}
