/* error.h — the error record every presscut module fills in, and the exit codes of the command line.
 *
 * Convention (used by every module): functions return 0 on success or a negative PC_E* code; when they
 * take a `pc_error *err`, they also write a one-line, lowercase, user-facing message into it that names
 * the subject (file, position, option) and, where there is one, what to do next. `err` may be NULL. */
#ifndef PRESSCUT_ERROR_H
#define PRESSCUT_ERROR_H

#include <stddef.h>

enum {
    PC_OK = 0,
    PC_EINVAL = -1,   /* bad argument or bad input from the user */
    PC_ENOMEM = -2,   /* out of memory */
    PC_EIO = -3,      /* a file could not be read or written */
    PC_EDB = -4,      /* the database failed (corrupt, locked, full, ...) */
    PC_ECONFIG = -5,  /* the index was built with another analyzer configuration or schema */
    PC_ESTOP = -6,    /* a callback asked to stop */
    PC_EFORMAT = -7,  /* input is not in the expected format */
};

/* Exit codes of the `presscut` command, like grep's. */
enum { PC_EXIT_OK = 0, PC_EXIT_NOTHING = 1, PC_EXIT_ERROR = 2 };

typedef struct pc_error {
    int code;        /* the PC_E* code of the last failure, PC_OK when none */
    char msg[1024];  /* NUL-terminated message, empty when code == PC_OK */
} pc_error;

/* Resets err to "no error". Accepts NULL. */
void pc_error_clear(pc_error *err);

/* Sets err->code and a printf-style message, and returns code so callers can write
 * `return pc_error_set(err, PC_EIO, "cannot read '%s': %s", path, strerror(errno));`. Accepts err == NULL. */
int pc_error_set(pc_error *err, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
