/* xlsx_library.c — libxlsxwriter opened on first use (see xlsx_library.h): the library's file name comes from
 * the build (PRESSCUT_XLSXWRITER_LIBRARY, the file pkg-config found), each function is looked up once, and the
 * wrappers call through the pointers found. */
#include "xlsx_library.h"

#include <dlfcn.h>
#include <stdbool.h>
#include <stddef.h>

#ifndef PRESSCUT_XLSXWRITER_LIBRARY
#define PRESSCUT_XLSXWRITER_LIBRARY "libxlsxwriter.so"
#endif

/* The functions table.c uses, filled by xlsx_library_load. */
static struct {
    bool loaded;
    lxw_workbook *(*workbook_new_opt)(const char *, lxw_workbook_options *);
    lxw_worksheet *(*workbook_add_worksheet)(lxw_workbook *, const char *);
    lxw_error (*workbook_close)(lxw_workbook *);
    void (*workbook_free)(lxw_workbook *);
    lxw_error (*write_string)(lxw_worksheet *, lxw_row_t, lxw_col_t, const char *, lxw_format *);
    lxw_error (*write_number)(lxw_worksheet *, lxw_row_t, lxw_col_t, double, lxw_format *);
    char *(*strerror)(lxw_error);
} xlsx;

/* Looks `name` up in the library; *missing is set to name when it is not there. */
static void *find(void *library, const char *name, const char **missing)
{
    void *f = dlsym(library, name);
    if (!f && !*missing)
        *missing = name;
    return f;
}

int xlsx_library_load(pc_error *err)
{
    if (xlsx.loaded)
        return PC_OK;
    /* Kept open for the rest of the process, as a linked library would be. */
    void *library = dlopen(PRESSCUT_XLSXWRITER_LIBRARY, RTLD_NOW | RTLD_LOCAL);
    if (!library)
        return pc_error_set(err, PC_EIO, "cannot load the xlsx writer library '%s' (%s): install libxlsxwriter "
                            "(apt-get install libxlsxwriter-dev) or export as csv",
                            PRESSCUT_XLSXWRITER_LIBRARY, dlerror());
    const char *missing = NULL;
    xlsx.workbook_new_opt = (lxw_workbook * (*)(const char *, lxw_workbook_options *))
        find(library, "workbook_new_opt", &missing);
    xlsx.workbook_add_worksheet = (lxw_worksheet * (*)(lxw_workbook *, const char *))
        find(library, "workbook_add_worksheet", &missing);
    xlsx.workbook_close = (lxw_error(*)(lxw_workbook *))find(library, "workbook_close", &missing);
    xlsx.workbook_free = (void (*)(lxw_workbook *))find(library, "lxw_workbook_free", &missing);
    xlsx.write_string = (lxw_error(*)(lxw_worksheet *, lxw_row_t, lxw_col_t, const char *, lxw_format *))
        find(library, "worksheet_write_string", &missing);
    xlsx.write_number = (lxw_error(*)(lxw_worksheet *, lxw_row_t, lxw_col_t, double, lxw_format *))
        find(library, "worksheet_write_number", &missing);
    xlsx.strerror = (char *(*)(lxw_error))find(library, "lxw_strerror", &missing);
    if (missing) {
        dlclose(library);
        return pc_error_set(err, PC_EIO, "the xlsx writer library '%s' has no function '%s': install a matching "
                            "libxlsxwriter (apt-get install libxlsxwriter-dev) or export as csv",
                            PRESSCUT_XLSXWRITER_LIBRARY, missing);
    }
    xlsx.loaded = true;
    return PC_OK;
}

lxw_workbook *xlsx_workbook_new_opt(const char *filename, lxw_workbook_options *options)
{
    return xlsx.workbook_new_opt(filename, options);
}

lxw_worksheet *xlsx_workbook_add_worksheet(lxw_workbook *workbook, const char *sheetname)
{
    return xlsx.workbook_add_worksheet(workbook, sheetname);
}

lxw_error xlsx_workbook_close(lxw_workbook *workbook)
{
    return xlsx.workbook_close(workbook);
}

void xlsx_workbook_free(lxw_workbook *workbook)
{
    xlsx.workbook_free(workbook);
}

lxw_error xlsx_worksheet_write_string(lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, const char *string,
                                      lxw_format *format)
{
    return xlsx.write_string(worksheet, row, col, string, format);
}

lxw_error xlsx_worksheet_write_number(lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, double number,
                                      lxw_format *format)
{
    return xlsx.write_number(worksheet, row, col, number, format);
}

char *xlsx_strerror(lxw_error error_num)
{
    return xlsx.strerror(error_num);
}
