/* sw-mount.h -- paths resolved without symbolic links, and the new mount
   API (open_tree, move_mount, mount_setattr, fsopen) for sw-fsview.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.

   The constants are defined here, not taken from <linux/mount.h>: the
   headers a distribution ships lag the kernel it runs, and <sys/mount.h>
   and <linux/mount.h> clash in glibc before 2.37.  */

#ifndef SW_MOUNT_H
#define SW_MOUNT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* mount_setattr(2) attributes.  */
#define SW_MOUNT_ATTR_RDONLY  UINT64_C (0x1)
#define SW_MOUNT_ATTR_NOSUID  UINT64_C (0x2)
#define SW_MOUNT_ATTR_NODEV   UINT64_C (0x4)
#define SW_MOUNT_ATTR_NOEXEC  UINT64_C (0x8)

/* Return PATH made absolute (relative to the working directory) and
   lexically normal: no empty, "." or ".." component, no trailing slash.
   Lexical ".." is exact here because sw_path_open() refuses every
   symbolic link anyway.  The result is malloc'd.  */
char *sw_path_canon (char const *path);

/* True if PATH (canonical) is DIR or lies beneath it.  */
bool sw_path_within (char const *path, char const *dir);

/* Open CANON (from sw_path_canon) with O_PATH, one component at a time
   from "/", refusing to follow a symbolic link anywhere (ELOOP).  Mount
   points are crossed.  Returns the descriptor, or -1 with errno set;
   then, if PARENT is not NULL, *PARENT is an O_PATH descriptor of the
   deepest directory reached (the caller closes it) and *REST the offset
   in CANON of the component that failed.  */
int sw_path_open (char const *canon, int *parent, size_t *rest);

/* True if the running kernel has open_tree(2) and move_mount(2)
   (Linux 5.2).  */
bool sw_mount_api_available (void);

/* A detached copy of the mount tree at PATH (relative to DFD; "" with
   AT_EMPTY_PATH in FLAGS for DFD itself), recursive when RECURSIVE.
   Returns a descriptor, or -1/errno.  */
int sw_clone_tree (int dfd, char const *path, unsigned flags, bool recursive);

/* Attach the detached tree TREE on the file or directory TARGET_FD (an
   O_PATH descriptor).  Returns 0 or -1/errno.  */
int sw_attach_tree (int tree, int target_fd);

/* mount_setattr(2): set SET and clear CLR on the mount at PATH relative
   to DFD (FLAGS: AT_EMPTY_PATH, AT_RECURSIVE).  Returns 0 or -1/errno
   (ENOSYS before Linux 5.12).  */
int sw_mount_setattr (int dfd, char const *path, unsigned flags,
                      uint64_t set, uint64_t clr);

#endif
