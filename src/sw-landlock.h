/* sw-landlock.h -- Landlock rulesets, with the constants of every ABI.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.

   The constants are defined here, not taken from <linux/landlock.h>:
   the headers a distribution ships lag the kernel it runs (Debian 12:
   6.1 headers, ABI 2 at most), and the kernel tells its ABI at run time.  */

#ifndef SW_LANDLOCK_H
#define SW_LANDLOCK_H

#include <stdint.h>

/* Filesystem access rights (ABI 1 unless noted).  */
#define SW_LL_FS_EXECUTE        (UINT64_C (1) << 0)
#define SW_LL_FS_WRITE_FILE     (UINT64_C (1) << 1)
#define SW_LL_FS_READ_FILE      (UINT64_C (1) << 2)
#define SW_LL_FS_READ_DIR       (UINT64_C (1) << 3)
#define SW_LL_FS_REMOVE_DIR     (UINT64_C (1) << 4)
#define SW_LL_FS_REMOVE_FILE    (UINT64_C (1) << 5)
#define SW_LL_FS_MAKE_CHAR      (UINT64_C (1) << 6)
#define SW_LL_FS_MAKE_DIR       (UINT64_C (1) << 7)
#define SW_LL_FS_MAKE_REG       (UINT64_C (1) << 8)
#define SW_LL_FS_MAKE_SOCK      (UINT64_C (1) << 9)
#define SW_LL_FS_MAKE_FIFO      (UINT64_C (1) << 10)
#define SW_LL_FS_MAKE_BLOCK     (UINT64_C (1) << 11)
#define SW_LL_FS_MAKE_SYM       (UINT64_C (1) << 12)
#define SW_LL_FS_REFER          (UINT64_C (1) << 13)    /* ABI 2 */
#define SW_LL_FS_TRUNCATE       (UINT64_C (1) << 14)    /* ABI 3 */
#define SW_LL_FS_IOCTL_DEV      (UINT64_C (1) << 15)    /* ABI 5 */

/* Network access rights (ABI 4).  */
#define SW_LL_NET_BIND_TCP      (UINT64_C (1) << 0)
#define SW_LL_NET_CONNECT_TCP   (UINT64_C (1) << 1)

/* Scopes (ABI 6).  */
#define SW_LL_SCOPE_ABSTRACT_UNIX_SOCKET (UINT64_C (1) << 0)
#define SW_LL_SCOPE_SIGNAL      (UINT64_C (1) << 1)

/* The Landlock ABI version of the running kernel, or 0 when Landlock is
   not available (not built in, not enabled at boot, or not Linux).  */
int sw_landlock_abi (void);

/* Every filesystem right the given ABI knows.  */
uint64_t sw_landlock_fs_all (int abi);

/* Create a ruleset handling FS, NET and SCOPED (each must be known to
   the running ABI).  Returns a file descriptor (close-on-exec), or -1
   with errno set.  */
int sw_landlock_create (uint64_t fs, uint64_t net, uint64_t scoped);

/* Allow ACCESS beneath PATH in ruleset FD.  Returns 0 or -1/errno.  */
int sw_landlock_allow_path (int fd, char const *path, uint64_t access);

/* The rights that apply to a file that is not a directory.  */
#define SW_LL_FS_FILE_RIGHTS \
  (SW_LL_FS_EXECUTE | SW_LL_FS_WRITE_FILE | SW_LL_FS_READ_FILE \
   | SW_LL_FS_TRUNCATE | SW_LL_FS_IOCTL_DEV)

/* Allow ACCESS beneath what descriptor FILE (O_PATH is enough) names;
   for anything but a directory, only the SW_LL_FS_FILE_RIGHTS part of
   ACCESS.  Returns 0 or -1/errno.  */
int sw_landlock_allow_fd (int fd, int file, uint64_t access);

/* Allow ACCESS beneath directory DIR except beneath each of the N
   canonical absolute paths CUTS.  A rule on DIR would reach everything
   beneath it, so where a cut lies beneath DIR this grants ACCESS on
   each entry of DIR instead, recursing towards the cut: the directories
   on the way to a cut get no right themselves (they cannot be listed,
   nor entries made in them), and entries made later in them get none.
   Symbolic links get no rule (the file a link names keeps its own
   rights).  What cannot be opened or listed gets no right.  Returns 0,
   or -1/errno if the kernel refused a rule.  */
int sw_landlock_allow_except (int fd, char const *dir, uint64_t access,
                              char const *const *cuts, size_t n);

/* Allow ACCESS (SW_LL_NET_*) on TCP port PORT.  Returns 0 or -1/errno.  */
int sw_landlock_allow_port (int fd, uint64_t port, uint64_t access);

/* Enforce ruleset FD on the calling thread and close FD.  no_new_privs
   must be set.  Returns 0 or -1/errno.  */
int sw_landlock_restrict (int fd);

#endif
