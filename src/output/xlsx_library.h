/* xlsx_library.h — internal to src/output: libxlsxwriter opened with dlopen the first time a workbook is
 * written, not linked, so that a search or any other command does not load and relocate it and libcrypto,
 * libminizip and libz behind it at every start (about 3 ms of CPU and 10 ms of wall time on a loaded machine).
 *
 * xlsx_library_load must have returned 0 before any other function here is called; the others are
 * libxlsxwriter's functions of the same name without the xlsx_ prefix, with its contracts. Not thread-safe
 * (the first load). */
#ifndef PRESSCUT_OUTPUT_XLSX_LIBRARY_H
#define PRESSCUT_OUTPUT_XLSX_LIBRARY_H

#include <xlsxwriter.h>

#include "presscut/core/error.h"

/* Opens libxlsxwriter (once per process; later calls return at once). Returns 0, or PC_EIO with err naming
 * the library and saying to install libxlsxwriter when it or one of its functions cannot be found. */
int xlsx_library_load(pc_error *err);

lxw_workbook *xlsx_workbook_new_opt(const char *filename, lxw_workbook_options *options);
lxw_worksheet *xlsx_workbook_add_worksheet(lxw_workbook *workbook, const char *sheetname);
lxw_error xlsx_workbook_close(lxw_workbook *workbook);
void xlsx_workbook_free(lxw_workbook *workbook);
lxw_error xlsx_worksheet_write_string(lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, const char *string,
                                      lxw_format *format);
lxw_error xlsx_worksheet_write_number(lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, double number,
                                      lxw_format *format);
char *xlsx_strerror(lxw_error error_num);

#endif
