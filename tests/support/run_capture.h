/* run_capture.h — for the measurement programs: runs a program (no shell, so arguments need no quoting)
 * and hands back what it wrote on standard output. Include measure.h first (for xmalloc / xrealloc). */
#ifndef PRESSCUT_TEST_RUN_CAPTURE_H
#define PRESSCUT_TEST_RUN_CAPTURE_H

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef PRESSCUT_TEST_MEASURE_H
#error "include measure.h before run_capture.h"
#endif

extern char **environ;

/* Runs argv[0] (a path) with argv and the current environment; its standard output is read into *out
 * (malloc'd, NUL-terminated, the caller frees; *out_len without the NUL), its standard error goes to the
 * file err_path (truncated first) so the caller can show it on failure. Returns the exit status, or -1 when
 * the program could not be started or did not exit normally (then *out is still a valid, maybe empty,
 * string). */
static inline int run_capture(char *const argv[], const char *err_path, char **out, size_t *out_len)
{
    size_t cap = 1 << 14, used = 0;
    char *buf = xmalloc(cap + 1);
    buf[0] = '\0';
    *out = buf;
    *out_len = 0;
    int pipe_fds[2];
    if (pipe(pipe_fds) != 0)
        return -1;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[1]);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_t child;
    int spawn_rc = posix_spawn(&child, argv[0], &actions, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    close(pipe_fds[1]);
    if (spawn_rc != 0) {
        close(pipe_fds[0]);
        return -1;
    }
    for (;;) {
        if (used == cap) {
            cap *= 2;
            buf = xrealloc(buf, cap + 1);
        }
        ssize_t got = read(pipe_fds[0], buf + used, cap - used);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        used += (size_t)got;
    }
    close(pipe_fds[0]);
    buf[used] = '\0';
    *out = buf;
    *out_len = used;
    int status = 0;
    while (waitpid(child, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

#endif
