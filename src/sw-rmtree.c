/* sw-rmtree.c -- remove a directory tree without following links.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.

   gnulib fts with FTS_PHYSICAL | FTS_XDEV | FTS_CWDFD, as coreutils rm
   does: fts keeps a descriptor on the directory being read (opened with
   O_NOFOLLOW) and every removal is an unlinkat() relative to it, so no
   path is resolved again through a component someone could swap for a
   symbolic link meanwhile.  (FTS_NOCHDIR would make fts hand back whole
   path names, which is exactly that race.)  FTS_XDEV stops at another
   device; bind mounts of the same file system have the same device, so
   each directory's mount id is compared too where statx() reports it.  */

#include "system.h"
#include "sw-rmtree.h"

#include <fcntl.h>
#include <sys/stat.h>

#include "fts_.h"
#include "xalloc.h"

#if defined SW_LINUX
# include <sys/syscall.h>
# ifdef SYS_statx
/* statx() by system call: musl (Debian 12: 1.2.3) has no wrapper, and
   the kernel's layout is fixed: stx_mask at offset 0, stx_mnt_id (Linux
   5.8) at 144, 256 bytes in all.  */
#  define SW_HAVE_MNT_ID 1
#  define SW_STATX_MNT_ID 0x1000U
# endif
#endif

static void
note (struct sw_rmtree_left *left, char const *name, int err)
{
  if (left->count++ == 0)
    {
      left->err = err;
      left->first = xstrdup (name);
    }
}

#ifdef SW_HAVE_MNT_ID
/* The mount id of NAME (relative to DIRFD), or 0 when unknown.  */
static unsigned long long
mount_id (int dirfd, char const *name)
{
  unsigned long long buf[256 / sizeof (unsigned long long)];
  uint32_t mask;
  unsigned long long id;
  if (syscall (SYS_statx, dirfd, name, AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT,
               SW_STATX_MNT_ID, buf) != 0)
    return 0;
  memcpy (&mask, buf, sizeof mask);
  if (!(mask & SW_STATX_MNT_ID))
    return 0;
  memcpy (&id, (char *) buf + 144, sizeof id);
  return id;
}
#endif

int
sw_rmtree (char const *path, struct sw_rmtree_left *left_out)
{
  struct sw_rmtree_left left = { 0, 0, NULL };
  char *const roots[] = { (char *) path, NULL };
  uid_t me = geteuid ();
#ifdef SW_HAVE_MNT_ID
  unsigned long long root_mnt = 0;
#endif

  FTS *fts = fts_open (roots, FTS_PHYSICAL | FTS_XDEV | FTS_CWDFD, NULL);
  if (!fts)
    {
      note (&left, path, errno);
      goto done;
    }

  FTSENT *ent;
  while ((errno = 0, ent = fts_read (fts)) != NULL)
    {
      int cwd = fts->fts_cwd_fd;
      switch (ent->fts_info)
        {
        case FTS_D:
#ifdef SW_HAVE_MNT_ID
          {
            unsigned long long id = mount_id (cwd, ent->fts_accpath);
            if (ent->fts_level == FTS_ROOTLEVEL)
              root_mnt = id;
            else if (id && root_mnt && id != root_mnt)
              {
                /* A mount point: leave it and what is on it.  */
                fts_set (fts, ent, FTS_SKIP);
                break;
              }
          }
#endif
          /* Our own directory that we may not read or write into: make
             it ours again.  fchmodat() must not follow a link that may
             have replaced the directory since fts looked at it.  */
          if (ent->fts_statp->st_uid == me && me != 0
              && (ent->fts_statp->st_mode & S_IRWXU) != S_IRWXU)
            fchmodat (cwd, ent->fts_accpath,
                      (ent->fts_statp->st_mode | S_IRWXU) & 07777,
                      AT_SYMLINK_NOFOLLOW);
          break;

        case FTS_DP:
          if (unlinkat (cwd, ent->fts_accpath, AT_REMOVEDIR) != 0)
            note (&left, ent->fts_path, errno);
          break;

        case FTS_DNR:
          /* Unreadable: it may still be empty.  */
          if (unlinkat (cwd, ent->fts_accpath, AT_REMOVEDIR) != 0)
            note (&left, ent->fts_path, ent->fts_errno ? ent->fts_errno
                                                       : errno);
          break;

        case FTS_NS:
          if (ent->fts_level == FTS_ROOTLEVEL && ent->fts_errno == ENOENT)
            break;              /* already gone */
          note (&left, ent->fts_path, ent->fts_errno);
          break;

        case FTS_ERR:
        case FTS_DC:
          note (&left, ent->fts_path, ent->fts_errno ? ent->fts_errno
                                                     : ELOOP);
          break;

        default:
          /* FTS_F, FTS_SL, FTS_SLNONE, FTS_DEFAULT, FTS_NSOK: unlink the
             entry itself; a link is never followed by unlinkat().  */
          if (unlinkat (cwd, ent->fts_accpath, 0) != 0)
            note (&left, ent->fts_path, errno);
          break;
        }
    }
  if (errno != 0 && left.count == 0)
    note (&left, path, errno);
  if (fts_close (fts) != 0 && left.count == 0)
    note (&left, path, errno);

done:
  if (left.count == 0)
    return 0;
  if (left_out)
    *left_out = left;
  else
    free (left.first);
  errno = left.err;
  return -1;
}
