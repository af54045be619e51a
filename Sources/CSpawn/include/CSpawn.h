#ifndef DOCKET_CSPAWN_H
#define DOCKET_CSPAWN_H

#include <spawn.h>

// glibc's posix_spawn_file_actions_addclosefrom_np (2.34+), which Swift's Glibc module does not
// show: the child closes every descriptor from `from` on, whatever other threads opened.
int docket_spawn_close_from(posix_spawn_file_actions_t *actions, int from);

#endif
