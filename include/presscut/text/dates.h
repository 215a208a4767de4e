/* dates.h — recognises published dates written in the usual news forms and normalises them to ISO 8601.
 * Knows nothing of formats or the store. */
#ifndef PRESSCUT_DATES_H
#define PRESSCUT_DATES_H

#include <stdbool.h>
#include <stddef.h>

/* Parses [s, s+len) when it is, as a whole (surrounding white space allowed), one date:
 *   2022-02-16, 2022/02/16, 2022.02.16, 16.02.2022, 16/02/2022, 16-02-2022 (day first; month first only
 *   when day first is impossible, as in 02/16/2022), February 16, 2022, Feb. 16 2022, February 16th, 2022,
 *   16 February 2022, 16th of February 2022, 26-Feb-1987, and month names in Russian, Ukrainian, German and
 *   French ("16 февраля 2022 г.", "16 лютого 2022 р.", "16. Februar 2022", "16. Jänner 2022",
 *   "1er février 2022"); case does not matter.
 * Around the date: an optional weekday before it in these languages ("Wednesday,", "Wed,", "Mittwoch,",
 * "mercredi", "среда,", "середа,"), and an optional time and zone after it, which are dropped
 * ("T10:20:00Z", "10:20:00.123+02:00", "10:20 AM", "at 10:20 p.m. EST", "14:30 Uhr", "10:20 (MSK)",
 * "Wed, 16 Feb 2022 10:20:00 +0000" as in RSS). Two-digit years and dates without a day are not accepted.
 * On success writes "YYYY-MM-DD" and a NUL into out (11 bytes) and returns true; impossible dates
 * (2022-02-30) and years outside 1800..2200 are rejected, as is anything longer than 160 bytes.
 * Thread-safe. */
bool pc_date_parse(const char *s, size_t len, char out[11]);

/* Days since 0001-01-01 (proleptic Gregorian) for an ISO date "YYYY-MM-DD..." (only the first 10 bytes are
 * read; years 0001..9999), or -1 when it is not one (also for NULL). 1970-01-01 is 719162. Used to order
 * articles by date. */
long pc_date_day_number(const char *iso);

#endif
