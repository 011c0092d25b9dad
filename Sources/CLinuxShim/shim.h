/* Linux calls that Swift cannot reach directly: syncfs needs _GNU_SOURCE, and ioprio_set has
   no libc wrapper and syscall() is variadic. */
#ifndef INFLOW_LINUX_SHIM_H
#define INFLOW_LINUX_SHIM_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <unistd.h>
#include <sys/syscall.h>

/* Flushes the file system that holds fd. */
static inline int inflow_syncfs(int fd) {
    return syncfs(fd);
}

/* Sets the IO priority of the calling process: class 3 is idle, class 2 best effort. */
static inline int inflow_ioprio_set_self(int ioprio_class, int level) {
    return (int)syscall(SYS_ioprio_set, 1 /* IOPRIO_WHO_PROCESS */, 0,
                        (ioprio_class << 13) | level);
}

#endif
