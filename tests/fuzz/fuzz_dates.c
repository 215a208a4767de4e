/* fuzz_dates.c — fuzz target of the date parser (src/text/dates.c): pc_date_parse on the input, and
 * pc_date_day_number on it as a string. A date that parses must be a real day written YYYY-MM-DD in
 * 1800..2200, whose day number is that of the same day. */
#include "fuzz_target.h"
#include "presscut/text/dates.h"

static bool is_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_MAX_INPUT)
        return 0;
    char out[11];
    memset(out, 'x', sizeof out);
    if (pc_date_parse((const char *)data, size, out)) {
        FUZZ_CHECK(out[10] == '\0' && out[4] == '-' && out[7] == '-');
        FUZZ_CHECK(is_digits(out, 4) && is_digits(out + 5, 2) && is_digits(out + 8, 2));
        int year = atoi(out);
        FUZZ_CHECK(year >= 1800 && year <= 2200);
        long day = pc_date_day_number(out);
        FUZZ_CHECK(day > 0);
        /* The next day's number is one more, unless out is the last day of its month. */
        char next[11];
        memcpy(next, out, sizeof next);
        int dd = (out[8] - '0') * 10 + (out[9] - '0');
        if (dd < 28) {
            next[8] = (char)('0' + (dd + 1) / 10);
            next[9] = (char)('0' + (dd + 1) % 10);
            FUZZ_CHECK(pc_date_day_number(next) == day + 1);
        }
    }
    char *text = fuzz_strndup(data, size);
    if (text) {
        long day = pc_date_day_number(text);
        FUZZ_CHECK(day >= -1);
        free(text);
    }
    return 0;
}
