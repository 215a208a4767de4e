/* print_entities.h — the entity list (`presscut entities list`) through a printer: the import file's own
 * format for people, so a listing can be edited and imported again, and records for programs. */
#ifndef PRESSCUT_OUTPUT_PRINT_ENTITIES_H
#define PRESSCUT_OUTPUT_PRINT_ENTITIES_H

#include <stddef.h>

#include "presscut/core/error.h"
#include "presscut/output/printer.h"
#include "presscut/store/store.h"

/* Prints entities[0, n).
 * TEXT: one "entity<TAB>alias" line per alias, in order (control characters escaped, see safe_text.h);
 * JSON: one list of {"entity": name, "aliases": [...]}, one entity per line;
 * JSONL: one {"entity", "aliases"} object per line.
 * Returns 0, PC_ENOMEM or PC_EIO (see pc_printer_report). */
int pc_print_entities(pc_printer *p, const pc_entity *entities, size_t n, pc_error *err);

#endif
