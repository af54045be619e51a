#ifndef DOCKET_CSPAWN_H
#define DOCKET_CSPAWN_H

#include <spawn.h>

// glibc's posix_spawn_file_actions_addclosefrom_np (2.34+), which Swift's Glibc module does not
// show: the child closes every descriptor from `from` on, whatever other threads opened.
int docket_spawn_close_from(posix_spawn_file_actions_t *actions, int from);

// pipe2 with O_CLOEXEC (a GNU extension Swift's Glibc module does not show): both ends are closed
// on exec from the start, so no child another thread starts meanwhile inherits them.
int docket_cloexec_pipe(int descriptors[2]);

// The wait status macros, which Swift does not import: the signal that ended the child (0 if none),
// and its exit status (-1 if it did not exit).
int docket_wait_signal(int status);
int docket_wait_exit_status(int status);

#endif
