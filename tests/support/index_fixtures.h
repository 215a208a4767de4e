/* index_fixtures.h — a small index made by hand for the search tests: hand-made articles (article_fixtures.h)
 * stored as the records of one file, with the query languages refreshed as `presscut index` leaves them. */
#ifndef PRESSCUT_TEST_INDEX_FIXTURES_H
#define PRESSCUT_TEST_INDEX_FIXTURES_H

#include <stdio.h>

#include "article_fixtures.h"
#include "presscut/store/store.h"

/* Creates the index `path` holding articles[0..n) as the records of one file, and frees the articles (also
 * on failure). Returns the open store (close with pc_store_close), or NULL with the error printed. */
static inline pc_store *fixture_index(const char *path, pc_article **articles, size_t n)
{
    pc_store_options opt = {.create = true};
    pc_store *s = NULL;
    pc_error err;
    int rc = pc_store_open(&s, path, &opt, &err);
    if (rc == PC_OK)
        rc = pc_store_file_replace(s, "/news/feed.jsonl", 1, 1, "0123456789abcdef0123456789abcdef", articles, n,
                                   &err);
    if (rc == PC_OK)
        rc = pc_store_refresh_query_langs(s, &err);
    for (size_t i = 0; i < n; i++)
        fixture_article_free(articles[i]);
    if (rc != PC_OK) {
        fprintf(stderr, "fixture index %s: %s\n", path, err.msg);
        pc_store_close(s);
        return NULL;
    }
    return s;
}

/* Three English articles in six passages, for the query session and explain tests:
 *   "Attack on the port" (2022-02-16, Northgate Wire): "Police attacked the port on Monday." / "The harbour
 *   stayed closed."; "Night" (2022-03-01, Lakeshore Observer): "Attacks went on all night." / "More attacks came
 *   at dawn."; "Power grid" (2022-01-10, Northgate Wire): "The power grid failed." / "Engineers restored the
 *   grid." */
static inline pc_store *fixture_small_news_index(const char *path)
{
    pc_article *list[] = {
        fixture_article("Attack on the port", "Police attacked the port on Monday.\n\nThe harbour stayed closed.",
                        "2022-02-16", "en", "Northgate Wire", "line 1"),
        fixture_article("Night", "Attacks went on all night.\n\nMore attacks came at dawn.", "2022-03-01", "en",
                        "Lakeshore Observer", "line 2"),
        fixture_article("Power grid", "The power grid failed.\n\nEngineers restored the grid.", "2022-01-10", "en",
                        "Northgate Wire", "line 3"),
    };
    return fixture_index(path, list, sizeof list / sizeof list[0]);
}

#endif
