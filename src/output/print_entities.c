/* print_entities.c — the entity list through a printer (print_entities.h): the import format for people,
 * one list (json) or one record per entity (jsonl) for programs. */
#include "presscut/output/print_entities.h"

#include <string.h>

#include "presscut/output/safe_text.h"
#include "printer_internal.h"

typedef struct entities_report {
    const pc_entity *entities;
    size_t n;
} entities_report;

static void entities_layout(pc_strbuf *out, const void *data, bool color)
{
    (void)color;
    const entities_report *r = data;
    for (size_t i = 0; i < r->n; i++) {
        const pc_entity *e = &r->entities[i];
        for (size_t k = 0; k < e->n_aliases; k++) {
            pc_safe_text_add(out, e->name, strlen(e->name), false);
            pc_strbuf_add_str(out, "\t");
            pc_safe_text_add(out, e->aliases[k], strlen(e->aliases[k]), false);
            pc_strbuf_add_str(out, "\n");
        }
    }
}

static void entity_record(pc_printer *p, const pc_entity *e)
{
    pc_printer_begin_map(p);
    printer_key_string(p, "entity", e->name);
    pc_printer_map_key(p, "aliases");
    pc_printer_begin_list(p);
    for (size_t k = 0; k < e->n_aliases; k++)
        pc_printer_string(p, e->aliases[k]);
    pc_printer_end_list(p);
    pc_printer_end_map(p);
}

static void entities_structure(pc_printer *p, const void *data)
{
    const entities_report *r = data;
    if (r->n == 1 && p->opt.format == PC_OUTPUT_JSONL) {
        entity_record(p, &r->entities[0]);
        return;
    }
    pc_printer_begin_list(p);
    for (size_t i = 0; i < r->n; i++)
        entity_record(p, &r->entities[i]);
    pc_printer_end_list(p);
}

int pc_print_entities(pc_printer *p, const pc_entity *entities, size_t n, pc_error *err)
{
    if (p->opt.format != PC_OUTPUT_JSONL) {
        entities_report data = {.entities = entities, .n = n};
        pc_report report = {.data = &data, .structure = entities_structure, .layout = entities_layout};
        return pc_printer_report(p, &report, err);
    }
    int rc = PC_OK;
    for (size_t i = 0; rc == PC_OK && i < n; i++) {
        entities_report one = {.entities = &entities[i], .n = 1};
        pc_report report = {.data = &one, .structure = entities_structure, .layout = NULL};
        rc = pc_printer_report(p, &report, err);
    }
    return rc;
}
