/* Linux calls that Swift cannot reach directly: syncfs needs _GNU_SOURCE, and ioprio_set has
   no libc wrapper while syscall() is variadic. */
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

/* Puts the calling process in the idle IO class (IOPRIO_CLASS_IDLE = 3, shifted by 13). */
static inline int inflow_ioprio_set_idle(void) {
    return (int)syscall(SYS_ioprio_set, 1 /* IOPRIO_WHO_PROCESS */, 0, 3 << 13);
}

#endif
