/* Linux calls that Swift cannot reach directly: syncfs needs _GNU_SOURCE. */
#ifndef INFLOW_LINUX_SHIM_H
#define INFLOW_LINUX_SHIM_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <unistd.h>

/* Flushes the file system that holds fd. */
static inline int inflow_syncfs(int fd) {
    return syncfs(fd);
}

#endif
