/* test_dates.c — unit tests of pc_date_parse (every accepted form, languages, times and zones, invalid dates,
 * leap years, garbage) and pc_date_day_number. */
#include "presscut/text/dates.h"

#include "harness.h"

/* Parses a NUL-terminated string; returns the ISO date or "" when rejected. */
static const char *parse(const char *s)
{
    static char out[11];
    memset(out, 'x', sizeof out);
    if (!pc_date_parse(s, strlen(s), out))
        return "";
    return out;
}

#define DATE_IS(input, expected) CHECK_STR_EQ(parse(input), expected)
#define NOT_DATE(input) CHECK_STR_EQ(parse(input), "")

static void test_numeric_forms(void)
{
    DATE_IS("2022-02-16", "2022-02-16");
    DATE_IS("  2022-02-16 \n", "2022-02-16");
    DATE_IS("2022-2-6", "2022-02-06");
    DATE_IS("2022/02/16", "2022-02-16");
    DATE_IS("2022.02.16", "2022-02-16");
    DATE_IS("16.02.2022", "2022-02-16");
    DATE_IS("16/02/2022", "2022-02-16");
    DATE_IS("16-02-2022", "2022-02-16");
    DATE_IS("1.2.2022", "2022-02-01");
    DATE_IS("03/04/2022", "2022-04-03"); /* day first */
    DATE_IS("02/16/2022", "2022-02-16"); /* month first only because day first is impossible */
    DATE_IS("16.02.2022.", "2022-02-16");
    NOT_DATE("2022-02/16"); /* mixed separators */
    NOT_DATE("16.02.22");   /* two-digit years are ambiguous */
    NOT_DATE("20220216");
    NOT_DATE("2022-02");
    NOT_DATE("2022");
    NOT_DATE("13/13/2022");
    NOT_DATE("2022-002-16");
}

static void test_times_and_zones(void)
{
    DATE_IS("2022-02-16T10:20:00Z", "2022-02-16");
    DATE_IS("2022-02-16t10:20:00z", "2022-02-16");
    DATE_IS("2022-02-16T10:20:00.123+02:00", "2022-02-16");
    DATE_IS("2015-12-19T15:14:44+00:00", "2015-12-19");
    DATE_IS("2022-02-16 10:20", "2022-02-16");
    DATE_IS("2022-02-16T10:20-0500", "2022-02-16");
    DATE_IS("16.02.2022 07:19", "2022-02-16");
    DATE_IS("26-FEB-1987 15:01:01.79", "1987-02-26");
    DATE_IS("February 16, 2022 10:20 AM", "2022-02-16");
    DATE_IS("February 16, 2022 at 10:20 p.m. EST", "2022-02-16");
    DATE_IS("Wed, 16 Feb 2022 10:20:00 +0000", "2022-02-16"); /* RSS pubDate */
    DATE_IS("Wed, 16 Feb 2022 10:20:00 GMT", "2022-02-16");
    DATE_IS("16. Februar 2022, 14:30 Uhr", "2022-02-16");
    DATE_IS("16 февраля 2022, 10:20 (MSK)", "2022-02-16");
    DATE_IS("16 лютого 2022 о 10:20", "2022-02-16");
    NOT_DATE("2022-02-16 25:00");
    NOT_DATE("2022-02-16 10:61");
    NOT_DATE("2022-02-16 10");
}

static void test_english_forms(void)
{
    DATE_IS("February 16, 2022", "2022-02-16");
    DATE_IS("february 16 2022", "2022-02-16");
    DATE_IS("FEBRUARY 16, 2022", "2022-02-16");
    DATE_IS("Feb 16 2022", "2022-02-16");
    DATE_IS("Feb. 16, 2022", "2022-02-16");
    DATE_IS("Sept 1, 2021", "2021-09-01");
    DATE_IS("February 16th, 2022", "2022-02-16");
    DATE_IS("16 February 2022", "2022-02-16");
    DATE_IS("16th of February, 2022", "2022-02-16");
    DATE_IS("1st March 2022", "2022-03-01");
    DATE_IS("Wednesday, February 16, 2022", "2022-02-16");
    DATE_IS("Wednesday 16 February 2022", "2022-02-16");
    DATE_IS("Mar 16, 2022", "2022-03-16"); /* "mar" is also French for Tuesday */
    DATE_IS("Tue, Mar 1, 2022", "2022-03-01");
    NOT_DATE("February 2022");
    NOT_DATE("February 16");
    NOT_DATE("Febuary 16, 2022");
    NOT_DATE("February 16, 2022 Russia denied");
    NOT_DATE("Wednesday");
}

static void test_other_languages(void)
{
    DATE_IS("16 февраля 2022", "2022-02-16");
    DATE_IS("16 февраля 2022 г.", "2022-02-16");
    DATE_IS("16 февраля 2022 года", "2022-02-16");
    DATE_IS("1 СЕНТЯБРЯ 2021", "2021-09-01");
    DATE_IS("среда, 16 февраля 2022", "2022-02-16");
    DATE_IS("16 лютого 2022", "2022-02-16");
    DATE_IS("16 лютого 2022 р.", "2022-02-16");
    DATE_IS("16 листопада 2021 року", "2021-11-16");
    DATE_IS("середа, 16 лютого 2022", "2022-02-16");
    DATE_IS("п’ятниця, 14 січня 2022", "2022-01-14");
    DATE_IS("16. Februar 2022", "2022-02-16");
    DATE_IS("16. März 2022", "2022-03-16");
    DATE_IS("16. Jänner 2022", "2022-01-16");
    DATE_IS("Mittwoch, 16. Februar 2022", "2022-02-16");
    DATE_IS("16 février 2022", "2022-02-16");
    DATE_IS("1er août 2022", "2022-08-01");
    DATE_IS("mercredi 16 février 2022", "2022-02-16");
    DATE_IS("16 décembre 2022", "2022-12-16");
    NOT_DATE("16 февраля");
    NOT_DATE("февраля 2022");
}

static void test_invalid_dates(void)
{
    NOT_DATE("2022-02-30");
    NOT_DATE("2022-02-29");
    NOT_DATE("2021-04-31");
    NOT_DATE("2022-13-01");
    NOT_DATE("2022-00-10");
    NOT_DATE("2022-01-00");
    NOT_DATE("31.11.2022");
    NOT_DATE("February 30, 2022");
    NOT_DATE("1799-12-31");
    NOT_DATE("2201-01-01");
    DATE_IS("1800-01-01", "1800-01-01");
    DATE_IS("2200-12-31", "2200-12-31");
    /* leap years */
    DATE_IS("2024-02-29", "2024-02-29");
    DATE_IS("2000-02-29", "2000-02-29");
    NOT_DATE("1900-02-29");
    NOT_DATE("2100-02-29");
    DATE_IS("29 February 2020", "2020-02-29");
}

static void test_garbage(void)
{
    NOT_DATE("");
    NOT_DATE("   ");
    NOT_DATE("date");
    NOT_DATE("Russia denied any involvement");
    NOT_DATE("2022-02-16 Russia");
    NOT_DATE("16 0 2022");
    NOT_DATE("99999999999999999999-02-16");
    NOT_DATE("2022-02-16\xFF");
    NOT_DATE("\xD0");
    NOT_DATE("16 \xF0\x9F\x93\xB0 2022");
    NOT_DATE("----");
    NOT_DATE(",,,,2022-02-16");
    char out[11];
    CHECK(!pc_date_parse(NULL, 0, out));
    /* the length bounds the input: a prefix of a longer string */
    CHECK(pc_date_parse("2022-02-16 and more", 10, out));
    CHECK_STR_EQ(out, "2022-02-16");
    /* long input is never a date */
    char big[4096];
    memset(big, ' ', sizeof big);
    memcpy(big + 2000, "2022-02-16", 10);
    CHECK(!pc_date_parse(big, sizeof big, out));
    /* too many tokens */
    NOT_DATE("1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 2022-02-16");
}

static void test_day_number(void)
{
    CHECK_INT_EQ(pc_date_day_number("0001-01-01"), 0);
    CHECK_INT_EQ(pc_date_day_number("0001-12-31"), 364);
    CHECK_INT_EQ(pc_date_day_number("0002-01-01"), 365);
    CHECK_INT_EQ(pc_date_day_number("1970-01-01"), 719162);
    CHECK_INT_EQ(pc_date_day_number("1970-01-02"), 719163);
    CHECK_INT_EQ(pc_date_day_number("2000-03-01") - pc_date_day_number("2000-02-28"), 2);
    CHECK_INT_EQ(pc_date_day_number("1900-03-01") - pc_date_day_number("1900-02-28"), 1);
    CHECK_INT_EQ(pc_date_day_number("2022-02-16") - pc_date_day_number("1970-01-01"), 19039);
    CHECK_INT_EQ(pc_date_day_number("2022-02-16T10:20:00Z"), pc_date_day_number("2022-02-16"));
    CHECK_INT_EQ(pc_date_day_number("9999-12-31"), 3652058);
    CHECK_INT_EQ(pc_date_day_number("2022-02-30"), -1);
    CHECK_INT_EQ(pc_date_day_number("0000-01-01"), -1);
    CHECK_INT_EQ(pc_date_day_number("2022-2-16"), -1);
    CHECK_INT_EQ(pc_date_day_number("2022/02/16"), -1);
    CHECK_INT_EQ(pc_date_day_number("2022-02-1"), -1);
    CHECK_INT_EQ(pc_date_day_number("2022"), -1);
    CHECK_INT_EQ(pc_date_day_number(""), -1);
    CHECK_INT_EQ(pc_date_day_number(NULL), -1);
    /* every parsed date has a day number, consecutive days differ by one */
    long prev = pc_date_day_number("1999-12-31");
    char iso[32];
    for (int m = 1; m <= 12; m++)
        for (int d = 1; d <= 31; d++) {
            snprintf(iso, sizeof iso, "2000-%02d-%02d", m, d);
            long n = pc_date_day_number(iso);
            if (n < 0)
                continue;
            CHECK_INT_EQ(n, prev + 1);
            prev = n;
        }
    CHECK_INT_EQ(prev, pc_date_day_number("2000-12-31"));
    CHECK_INT_EQ(pc_date_day_number("2000-12-31") - pc_date_day_number("1999-12-31"), 366);
}

int main(void)
{
    RUN_TEST(test_numeric_forms);
    RUN_TEST(test_times_and_zones);
    RUN_TEST(test_english_forms);
    RUN_TEST(test_other_languages);
    RUN_TEST(test_invalid_dates);
    RUN_TEST(test_garbage);
    RUN_TEST(test_day_number);
    return TEST_REPORT();
}
