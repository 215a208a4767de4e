/* reader.c — the table of input-format readers and their lookup by file extension or by name
 * (see include/presscut/reader.h). To add a format, declare its reader function in reader.h and add a row. */
#include "presscut/reader.h"

#include <string.h>
#include <strings.h>

static const char *const txt_extensions[] = {"txt", "text", NULL};

static const pc_reader txt_reader = {"txt", txt_extensions, pc_read_txt};

static const pc_reader *const all_readers[] = {&txt_reader, NULL};

const pc_reader *const *pc_readers(void)
{
    return all_readers;
}

const pc_reader *pc_reader_by_name(const char *name)
{
    if (!name)
        return NULL;
    for (size_t i = 0; all_readers[i]; i++)
        if (strcmp(all_readers[i]->name, name) == 0)
            return all_readers[i];
    return NULL;
}

const pc_reader *pc_reader_for_path(const char *path)
{
    if (!path)
        return NULL;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    if (!dot || dot == base || dot[1] == '\0') /* no extension, or a hidden file such as ".txt" */
        return NULL;
    const char *ext = dot + 1;
    for (size_t i = 0; all_readers[i]; i++)
        for (const char *const *e = all_readers[i]->extensions; *e; e++)
            if (strcasecmp(*e, ext) == 0)
                return all_readers[i];
    return NULL;
}
