#define _GNU_SOURCE
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include "CSpawn.h"

int docket_spawn_close_from(posix_spawn_file_actions_t *actions, int from) {
    return posix_spawn_file_actions_addclosefrom_np(actions, from);
}

int docket_cloexec_pipe(int descriptors[2]) {
    return pipe2(descriptors, O_CLOEXEC);
}

int docket_wait_signal(int status) {
    return WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

int docket_wait_exit_status(int status) {
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
