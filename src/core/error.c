/* error.c — filling in pc_error records (see include/presscut/core/error.h). */
#include "presscut/core/error.h"

#include <stdarg.h>
#include <stdio.h>

void pc_error_clear(pc_error *err)
{
    if (!err)
        return;
    err->code = PC_OK;
    err->msg[0] = '\0';
}

int pc_error_set(pc_error *err, int code, const char *fmt, ...)
{
    if (!err)
        return code;
    err->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return code;
}
