/* print_stats.c — the report of `presscut stats` (print_stats.h): its layout for people and its record for
 * programs, handed to the printer as one pc_report. */
#include "presscut/output/print_stats.h"

#include <string.h>

#include "presscut/output/safe_text.h"
#include "printer_internal.h"

typedef struct stats_report {
    const char *index_path;
    const pc_store_stats *st;
    bool all_sources;
} stats_report;

/* ---- the layout for people ---- */

static void add_counts(pc_strbuf *out, const char *label, const pc_count *counts, size_t n, size_t show)
{
    printer_addf(out, "%-11s", label);
    if (n == 0)
        pc_strbuf_add_str(out, "none");
    for (size_t i = 0; i < n && i < show; i++) {
        const char *name = counts[i].name[0] ? counts[i].name : "(unknown)";
        pc_strbuf_add_str(out, i ? ", " : "");
        pc_safe_text_add(out, name, strlen(name), false);
        printer_addf(out, " %lld", counts[i].count);
    }
    if (n > show)
        printer_addf(out, " (+%zu more; --all lists them)", n - show);
    pc_strbuf_add_str(out, "\n");
}

static void stats_layout(pc_strbuf *out, const void *data, bool color)
{
    (void)color;
    const stats_report *r = data;
    const pc_store_stats *st = r->st;
    bool all = r->all_sources;
    printer_addf(out, "%-11s%s (%.1f MB)\n", "index", r->index_path, (double)st->db_bytes / 1e6);
    printer_addf(out, "%-11s%lld\n", "files", st->files);
    printer_addf(out, "%-11s%lld\n", "articles", st->articles);
    printer_addf(out, "%-11s%lld\n", "passages", st->passages);
    printer_addf(out, "%-11s%.1f MB (index is %.2f x the text)\n", "text", (double)st->body_bytes / 1e6,
                 st->body_bytes ? (double)st->db_bytes / (double)st->body_bytes : 0.0);
    add_counts(out, "languages", st->langs, st->n_langs, all ? st->n_langs : 20);
    add_counts(out, "sources", st->sources, st->n_sources, all ? st->n_sources : 10);
    if (st->first_date[0])
        printer_addf(out, "%-11s%s .. %s (%lld undated)\n", "dates", st->first_date, st->last_date, st->undated);
    else
        printer_addf(out, "%-11snone (%lld undated)\n", "dates", st->undated);
    if (st->dup_clusters)
        printer_addf(out, "%-11s%lld clusters of copies, %lld articles in them (largest %lld)\n", "duplicates",
                     st->dup_clusters, st->dup_articles, st->largest_cluster);
    else
        printer_addf(out, "%-11snone found\n", "duplicates");
    printer_addf(out, "%-11sversion %d, diacritics %s, exact forms %s; schema %d\n", "analyzer",
                 st->analyzer_version, st->analyzer.fold_diacritics ? "folded" : "kept",
                 st->analyzer.exact_forms ? "kept" : "dropped", st->schema_version);
}

/* ---- the record for programs ---- */

static void key_counts(pc_printer *p, const char *key, const pc_count *counts, size_t n)
{
    pc_printer_map_key(p, key);
    pc_printer_begin_list(p);
    for (size_t i = 0; i < n; i++) {
        pc_printer_begin_map(p);
        pc_printer_map_key(p, "name");
        pc_printer_string(p, counts[i].name);
        printer_key_integer(p, "articles", counts[i].count);
        pc_printer_end_map(p);
    }
    pc_printer_end_list(p);
}

static void key_date(pc_printer *p, const char *key, const char *date)
{
    pc_printer_map_key(p, key);
    pc_printer_string(p, date[0] ? date : NULL);
}

static void stats_structure(pc_printer *p, const void *data)
{
    const stats_report *r = data;
    const pc_store_stats *st = r->st;
    pc_printer_begin_map(p);
    pc_printer_map_key(p, "index");
    pc_printer_string(p, r->index_path);
    printer_key_integer(p, "index_bytes", st->db_bytes);
    printer_key_integer(p, "files", st->files);
    printer_key_integer(p, "articles", st->articles);
    printer_key_integer(p, "passages", st->passages);
    printer_key_integer(p, "text_bytes", st->body_bytes);
    key_counts(p, "languages", st->langs, st->n_langs);
    key_counts(p, "sources", st->sources, st->n_sources);
    key_date(p, "first_date", st->first_date);
    key_date(p, "last_date", st->last_date);
    printer_key_integer(p, "undated", st->undated);
    pc_printer_map_key(p, "duplicates");
    pc_printer_begin_map(p);
    printer_key_integer(p, "clusters", st->dup_clusters);
    printer_key_integer(p, "articles", st->dup_articles);
    printer_key_integer(p, "largest", st->largest_cluster);
    pc_printer_end_map(p);
    printer_key_integer(p, "schema_version", st->schema_version);
    pc_printer_map_key(p, "analyzer");
    pc_printer_begin_map(p);
    printer_key_integer(p, "version", st->analyzer_version);
    printer_key_boolean(p, "fold_diacritics", st->analyzer.fold_diacritics);
    printer_key_boolean(p, "exact_forms", st->analyzer.exact_forms);
    pc_printer_end_map(p);
    pc_printer_end_map(p);
}

int pc_print_stats(pc_printer *p, const char *index_path, const pc_store_stats *st, bool all_sources,
                   pc_error *err)
{
    stats_report data = {.index_path = index_path, .st = st, .all_sources = all_sources};
    pc_report report = {.data = &data, .structure = stats_structure, .layout = stats_layout};
    return pc_printer_report(p, &report, err);
}
