/* sw-test-caps -- report and exercise this process's privileges.
   sw-test-caps setns PATH  : try setns() into the namespace at PATH;
                              exit 0 if it worked, 1 if refused.
   sw-test-caps ptrace PID  : try PTRACE_ATTACH; 0 worked, 1 refused.
   sw-test-caps fds         : list open descriptors above 2.
   sw-test-caps sigmess -- CMD... : ignore SIGINT, block SIGUSR1, exec CMD.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.  */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

int
main (int argc, char **argv)
{
  if (argc == 3 && strcmp (argv[1], "setns") == 0)
    {
      int fd = open (argv[2], O_RDONLY | O_CLOEXEC);
      if (fd < 0)
        {
          printf ("open %s: %s\n", argv[2], strerror (errno));
          return 1;
        }
      if (setns (fd, 0) == 0)
        {
          puts ("setns: entered");
          return 0;
        }
      printf ("setns: %s\n", strerror (errno));
      return 1;
    }
  if (argc == 3 && strcmp (argv[1], "ptrace") == 0)
    {
      pid_t pid = atoi (argv[2]);
      if (ptrace (PTRACE_ATTACH, pid, 0, 0) == 0)
        {
          waitpid (pid, NULL, 0);
          ptrace (PTRACE_DETACH, pid, 0, 0);
          puts ("ptrace: attached");
          return 0;
        }
      printf ("ptrace: %s\n", strerror (errno));
      return 1;
    }
  if (argc == 2 && strcmp (argv[1], "fds") == 0)
    {
      DIR *d = opendir ("/proc/self/fd");
      if (!d)
        return 2;
      int self = dirfd (d);
      struct dirent *e;
      while ((e = readdir (d)))
        {
          int fd = atoi (e->d_name);
          if (e->d_name[0] != '.' && fd > 2 && fd != self)
            printf ("%d\n", fd);
        }
      closedir (d);
      return 0;
    }
  if (argc > 3 && strcmp (argv[1], "sigmess") == 0
      && strcmp (argv[2], "--") == 0)
    {
      sigset_t set;
      sigemptyset (&set);
      sigaddset (&set, SIGUSR1);
      signal (SIGINT, SIG_IGN);
      sigprocmask (SIG_BLOCK, &set, NULL);
      execvp (argv[3], argv + 3);
      perror (argv[3]);
      return 127;
    }
  fputs ("usage: sw-test-caps setns PATH | ptrace PID | fds"
         " | sigmess -- CMD...\n", stderr);
  return 2;
}
