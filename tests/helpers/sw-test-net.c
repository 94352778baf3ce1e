/* sw-test-net -- network probes for tests/bats/sw-netdeny.bats.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.

   Usage: sw-test-net COMMAND ARG...
     tcp-serve ADDR PORTFILE [SECONDS]   listen on ADDR, a free port, written
                                         to PORTFILE; greet each client
     tcp-connect ADDR PORT [MS]          connect and read the greeting
     tcp-self ADDR                       a server and a client of it, here
     udp-recv ADDR PORTFILE SECONDS      print the first datagram received
     udp-send ADDR PORT TEXT             send one datagram
     unix-serve NAME READYFILE [SECONDS] listen on abstract socket @NAME
     unix-connect NAME                   connect to @NAME, read the greeting
     dns-serve ADDR PORTFILE [SECONDS]   answer every DNS query (A 127.0.0.2)
     dns-query ADDR PORT NAME [MS]       ask ADDR:PORT for NAME over UDP
     resolve NAME                        getaddrinfo (the system's resolver)
     socket FAMILY [ABI]                 create a socket: FAMILY unix, inet,
                                         inet6, netlink or packet; ABI
                                         native, i386 (socket(2) of i386),
                                         socketcall (i386) or x32
     io-uring                            io_uring_setup
     setns PATH|fd:N                     join the network namespace PATH,
                                         or the one open on fd N
     landlock-abi                        print the kernel's Landlock ABI (0:
                                         none)
     pass-socket FAMILY FD -- CMD...     run CMD with an unconnected TCP
                                         socket (inet or inet6) on fd FD
     connect-fd FD ADDR PORT             connect that socket, read greeting

   Only addresses given on the command line are used: the tests give
   127.0.0.1 and ::1.  Exit status: 0 success, 1 the operation failed
   (errno on stderr), 2 bad usage, 3 timed out, 4 ABI not supported
   here.  Every wait is bounded: a server gives up after SECONDS
   (default 30).  Plain C, no gnulib.  */

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static char const *cmd = "sw-test-net";

static int
fail (char const *what)
{
  fprintf (stderr, "%s: %s: %s (errno %d)\n", cmd, what, strerror (errno),
           errno);
  return 1;
}

static int
usage (void)
{
  fprintf (stderr, "%s: bad usage; see the comment in sw-test-net.c\n", cmd);
  return 2;
}

/* Parse ADDR (IPv4 or IPv6 literal) and PORT into SS.  */
static int
parse_addr (char const *addr, unsigned port, struct sockaddr_storage *ss,
            socklen_t *len)
{
  memset (ss, 0, sizeof *ss);
  struct sockaddr_in *in = (struct sockaddr_in *) ss;
  struct sockaddr_in6 *in6 = (struct sockaddr_in6 *) ss;
  if (inet_pton (AF_INET, addr, &in->sin_addr) == 1)
    {
      in->sin_family = AF_INET;
      in->sin_port = htons (port);
      *len = sizeof *in;
      return 0;
    }
  if (inet_pton (AF_INET6, addr, &in6->sin6_addr) == 1)
    {
      in6->sin6_family = AF_INET6;
      in6->sin6_port = htons (port);
      *len = sizeof *in6;
      return 0;
    }
  fprintf (stderr, "%s: not an address: %s\n", cmd, addr);
  return -1;
}

static unsigned
port_of (struct sockaddr_storage const *ss)
{
  return ntohs (ss->ss_family == AF_INET
                ? ((struct sockaddr_in const *) ss)->sin_port
                : ((struct sockaddr_in6 const *) ss)->sin6_port);
}

/* Write TEXT to FILE atomically, so a reader never sees half of it.  */
static int
publish (char const *file, char const *text)
{
  char tmp[4096];
  snprintf (tmp, sizeof tmp, "%s.tmp", file);
  FILE *f = fopen (tmp, "w");
  if (!f || fputs (text, f) < 0 || fclose (f) != 0 || rename (tmp, file) != 0)
    return fail (file);
  return 0;
}

/* A socket bound to ADDR (port 0: any free port), its port published.  */
static int
bound_socket (char const *addr, int type, char const *portfile)
{
  struct sockaddr_storage ss;
  socklen_t len;
  if (parse_addr (addr, 0, &ss, &len) != 0)
    return -2;
  int fd = socket (ss.ss_family, type | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return fail ("socket"), -1;
  int one = 1;
  setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (bind (fd, (struct sockaddr *) &ss, len) != 0)
    return fail ("bind"), -1;
  if (type == SOCK_STREAM && listen (fd, 16) != 0)
    return fail ("listen"), -1;
  len = sizeof ss;
  if (getsockname (fd, (struct sockaddr *) &ss, &len) != 0)
    return fail ("getsockname"), -1;
  if (portfile)
    {
      char port[32];
      snprintf (port, sizeof port, "%u\n", port_of (&ss));
      if (publish (portfile, port) != 0)
        return -1;
    }
  return fd;
}

static long
now_ms (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000L + ts.tv_nsec / 1000000;
}

/* Wait until FD is ready for EVENTS, at most MS milliseconds.
   Returns 1 ready, 0 timed out, -1 error.  */
static int
wait_fd (int fd, short events, long ms)
{
  struct pollfd p = { fd, events, 0 };
  long end = now_ms () + ms;
  for (;;)
    {
      long left = end - now_ms ();
      if (left < 0)
        left = 0;
      int r = poll (&p, 1, (int) left);
      if (r >= 0 || errno != EINTR)
        return r;
    }
}

/* Accept clients on LISTENER for SECONDS, greeting each.  */
static int
serve (int listener, long seconds)
{
  long end = now_ms () + seconds * 1000;
  for (long left; (left = end - now_ms ()) > 0;)
    {
      if (wait_fd (listener, POLLIN, left) <= 0)
        continue;
      int c = accept4 (listener, NULL, NULL, SOCK_CLOEXEC);
      if (c < 0)
        continue;
      static char const hello[] = "hello from the server\n";
      if (write (c, hello, sizeof hello - 1) < 0)
        fail ("write");
      close (c);
    }
  return 0;
}

/* Connect FD to SS within MS milliseconds; read and print a greeting.  */
static int
connect_and_read (int fd, struct sockaddr const *sa, socklen_t len, long ms)
{
  int fl = fcntl (fd, F_GETFL);
  fcntl (fd, F_SETFL, fl | O_NONBLOCK);
  if (connect (fd, sa, len) != 0)
    {
      if (errno != EINPROGRESS)
        return fail ("connect");
      int r = wait_fd (fd, POLLOUT, ms);
      if (r == 0)
        {
          fprintf (stderr, "%s: connect: timed out after %ld ms\n", cmd, ms);
          return 3;
        }
      int err = 0;
      socklen_t el = sizeof err;
      if (r < 0 || getsockopt (fd, SOL_SOCKET, SO_ERROR, &err, &el) != 0)
        return fail ("poll");
      if (err)
        {
          errno = err;
          return fail ("connect");
        }
    }
  if (wait_fd (fd, POLLIN, ms) <= 0)
    {
      fprintf (stderr, "%s: no greeting within %ld ms\n", cmd, ms);
      return 3;
    }
  char buf[256];
  ssize_t n = read (fd, buf, sizeof buf);
  if (n <= 0)
    return n < 0 ? fail ("read") : (fprintf (stderr, "%s: EOF\n", cmd), 1);
  fwrite (buf, 1, n, stdout);
  return 0;
}

static int
tcp_connect (char const *addr, char const *port, long ms)
{
  struct sockaddr_storage ss;
  socklen_t len;
  if (parse_addr (addr, (unsigned) atoi (port), &ss, &len) != 0)
    return 2;
  int fd = socket (ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return fail ("socket");
  return connect_and_read (fd, (struct sockaddr *) &ss, len, ms);
}

static int
tcp_self (char const *addr)
{
  int l = bound_socket (addr, SOCK_STREAM, NULL);
  if (l < 0)
    return l == -2 ? 2 : 1;
  struct sockaddr_storage ss;
  socklen_t len = sizeof ss;
  getsockname (l, (struct sockaddr *) &ss, &len);
  pid_t pid = fork ();
  if (pid < 0)
    return fail ("fork");
  if (pid == 0)
    _exit (serve (l, 5));
  close (l);
  int fd = socket (ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return fail ("socket");
  int r = connect_and_read (fd, (struct sockaddr *) &ss, len, 2000);
  kill (pid, SIGTERM);
  return r;
}

static int
udp_recv (char const *addr, char const *portfile, long seconds)
{
  int fd = bound_socket (addr, SOCK_DGRAM, portfile);
  if (fd < 0)
    return fd == -2 ? 2 : 1;
  int r = wait_fd (fd, POLLIN, seconds * 1000);
  if (r <= 0)
    return r == 0 ? 3 : fail ("poll");
  char buf[512];
  ssize_t n = recv (fd, buf, sizeof buf, 0);
  if (n < 0)
    return fail ("recv");
  printf ("received: %.*s\n", (int) n, buf);
  return 0;
}

static int
udp_send (char const *addr, char const *port, char const *text)
{
  struct sockaddr_storage ss;
  socklen_t len;
  if (parse_addr (addr, (unsigned) atoi (port), &ss, &len) != 0)
    return 2;
  int fd = socket (ss.ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return fail ("socket");
  if (sendto (fd, text, strlen (text), 0, (struct sockaddr *) &ss, len) < 0)
    return fail ("sendto");
  return 0;
}

static socklen_t
abstract_addr (char const *name, struct sockaddr_un *un)
{
  memset (un, 0, sizeof *un);
  un->sun_family = AF_UNIX;
  size_t n = strlen (name);
  if (n > sizeof un->sun_path - 1)
    n = sizeof un->sun_path - 1;
  memcpy (un->sun_path + 1, name, n);   /* sun_path[0] = 0: abstract */
  return offsetof (struct sockaddr_un, sun_path) + 1 + n;
}

static int
unix_serve (char const *name, char const *readyfile, long seconds)
{
  struct sockaddr_un un;
  socklen_t len = abstract_addr (name, &un);
  int fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return fail ("socket");
  if (bind (fd, (struct sockaddr *) &un, len) != 0 || listen (fd, 16) != 0)
    return fail ("bind");
  if (publish (readyfile, "ready\n") != 0)
    return 1;
  return serve (fd, seconds);
}

static int
unix_connect (char const *name)
{
  struct sockaddr_un un;
  socklen_t len = abstract_addr (name, &un);
  int fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return fail ("socket");
  return connect_and_read (fd, (struct sockaddr *) &un, len, 2000);
}

/* A DNS query for NAME, type A, class IN, id ID, into BUF.  */
static size_t
dns_query_packet (unsigned char *buf, size_t size, char const *name,
                  unsigned id)
{
  size_t n = 0;
  unsigned char hdr[12] = { id >> 8, id & 0xff, 0x01, 0x00, 0, 1 };
  memcpy (buf, hdr, sizeof hdr);
  n = sizeof hdr;
  for (char const *p = name; *p;)
    {
      char const *dot = strchrnul (p, '.');
      size_t l = dot - p;
      if (l == 0 || l > 63 || n + l + 6 > size)
        return 0;
      buf[n++] = (unsigned char) l;
      memcpy (buf + n, p, l);
      n += l;
      p = *dot ? dot + 1 : dot;
    }
  buf[n++] = 0;
  unsigned char tail[4] = { 0, 1, 0, 1 };       /* A, IN */
  memcpy (buf + n, tail, 4);
  return n + 4;
}

static int
dns_serve (char const *addr, char const *portfile, long seconds)
{
  int fd = bound_socket (addr, SOCK_DGRAM, portfile);
  if (fd < 0)
    return fd == -2 ? 2 : 1;
  long end = now_ms () + seconds * 1000;
  for (long left; (left = end - now_ms ()) > 0;)
    {
      if (wait_fd (fd, POLLIN, left) <= 0)
        continue;
      unsigned char q[512];
      struct sockaddr_storage from;
      socklen_t fl = sizeof from;
      ssize_t n = recvfrom (fd, q, sizeof q - 16, 0,
                            (struct sockaddr *) &from, &fl);
      if (n < 12)
        continue;
      /* The answer: the question, one A record pointing back at it.  */
      q[2] = 0x81, q[3] = 0x80;                 /* response, RA, no error */
      q[6] = 0, q[7] = 1;                       /* ANCOUNT 1 */
      unsigned char rr[16] = { 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4,
                               127, 0, 0, 2 };
      memcpy (q + n, rr, sizeof rr);
      sendto (fd, q, n + sizeof rr, 0, (struct sockaddr *) &from, fl);
    }
  return 0;
}

static int
dns_query (char const *addr, char const *port, char const *name, long ms)
{
  struct sockaddr_storage ss;
  socklen_t len;
  if (parse_addr (addr, (unsigned) atoi (port), &ss, &len) != 0)
    return 2;
  unsigned char q[512];
  size_t n = dns_query_packet (q, sizeof q, name, 0x5377);
  if (!n)
    return usage ();
  int fd = socket (ss.ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return fail ("socket");
  if (sendto (fd, q, n, 0, (struct sockaddr *) &ss, len) < 0)
    return fail ("sendto");
  int r = wait_fd (fd, POLLIN, ms);
  if (r == 0)
    {
      fprintf (stderr, "%s: no DNS answer within %ld ms\n", cmd, ms);
      return 3;
    }
  unsigned char a[512];
  ssize_t got = r < 0 ? -1 : recv (fd, a, sizeof a, 0);
  if (got < 0)
    return fail ("recv");
  if (got < 12 || a[0] != 0x53 || a[1] != 0x77 || !(a[2] & 0x80))
    {
      fprintf (stderr, "%s: not an answer\n", cmd);
      return 1;
    }
  printf ("answered: %u record(s)\n", (unsigned) (a[6] << 8 | a[7]));
  return 0;
}

static int
resolve (char const *name)
{
  struct addrinfo hints, *res;
  memset (&hints, 0, sizeof hints);
  hints.ai_socktype = SOCK_STREAM;
  int r = getaddrinfo (name, NULL, &hints, &res);
  if (r != 0)
    {
      fprintf (stderr, "%s: getaddrinfo %s: %s\n", cmd, name,
               r == EAI_SYSTEM ? strerror (errno) : gai_strerror (r));
      return 1;
    }
  char host[NI_MAXHOST];
  if (getnameinfo (res->ai_addr, res->ai_addrlen, host, sizeof host, NULL, 0,
                   NI_NUMERICHOST) == 0)
    printf ("%s\n", host);
  return 0;
}

#if defined __x86_64__
/* A system call through the i386 ABI (int $0x80), from a 64-bit process:
   the kernel and seccomp see AUDIT_ARCH_I386.  */
static long
i386_syscall (long nr, long a, long b, long c)
{
  long ret;
  __asm__ volatile ("int $0x80"
                    : "=a" (ret)
                    : "a" (nr), "b" (a), "c" (b), "d" (c)
                    : "memory", "r8", "r9", "r10", "r11");
  return ret;
}
#endif

static int
make_socket (char const *family, char const *abi)
{
  int fam, type = SOCK_DGRAM;
  if (strcmp (family, "unix") == 0)
    fam = AF_UNIX;
  else if (strcmp (family, "inet") == 0)
    fam = AF_INET;
  else if (strcmp (family, "inet6") == 0)
    fam = AF_INET6;
  else if (strcmp (family, "netlink") == 0)
    fam = AF_NETLINK, type = SOCK_RAW;
  else if (strcmp (family, "packet") == 0)
    fam = AF_PACKET, type = SOCK_DGRAM;
  else
    return usage ();

  long r;
  if (strcmp (abi, "native") == 0)
    r = socket (fam, type, 0);
#if defined __x86_64__
  else if (strcmp (abi, "i386") == 0)
    {
      r = i386_syscall (359, fam, type, 0);      /* socket, i386 */
      if (r < 0)
        errno = (int) -r, r = -1;
    }
  else if (strcmp (abi, "socketcall") == 0)
    {
      /* Its arguments in memory an i386 pointer can address.  */
      unsigned *args = mmap (NULL, 4096, PROT_READ | PROT_WRITE,
                             MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
      if (args == MAP_FAILED)
        return fail ("mmap");
      args[0] = (unsigned) fam, args[1] = (unsigned) type, args[2] = 0;
      r = i386_syscall (102, 1, (long) (uintptr_t) args, 0); /* SYS_SOCKET */
      if (r < 0)
        errno = (int) -r, r = -1;
    }
  else if (strcmp (abi, "x32") == 0)
    r = syscall (0x40000000L | SYS_socket, fam, type, 0);
#endif
  else
    {
      fprintf (stderr, "%s: ABI %s not supported here\n", cmd, abi);
      return 4;
    }
  if (r < 0)
    return fail ("socket");
  printf ("socket created\n");
  return 0;
}

static int
io_uring (void)
{
#ifdef SYS_io_uring_setup
  unsigned char params[120];    /* struct io_uring_params, zeroed */
  memset (params, 0, sizeof params);
  long fd = syscall (SYS_io_uring_setup, 1, params);
  if (fd < 0)
    return fail ("io_uring_setup");
  printf ("io_uring ready\n");
  return 0;
#else
  return 4;
#endif
}

static int
landlock_abi (void)
{
  long abi = syscall (444 /* landlock_create_ruleset */, NULL, 0, 1UL);
  printf ("%ld\n", abi < 0 ? 0 : abi);
  return 0;
}

static int
pass_socket (char const *family, char const *fdarg, char **prog)
{
  int fam = strcmp (family, "inet6") == 0 ? AF_INET6 : AF_INET;
  int want = atoi (fdarg);
  int fd = socket (fam, SOCK_STREAM, 0);
  if (fd < 0)
    return fail ("socket");
  if (fd != want && (dup2 (fd, want) < 0 || close (fd) != 0))
    return fail ("dup2");
  execvp (prog[0], prog);
  return fail (prog[0]);
}

static int
connect_fd (char const *fdarg, char const *addr, char const *port)
{
  struct sockaddr_storage ss;
  socklen_t len;
  if (parse_addr (addr, (unsigned) atoi (port), &ss, &len) != 0)
    return 2;
  return connect_and_read (atoi (fdarg), (struct sockaddr *) &ss, len, 2000);
}

static int
join_netns (char const *path)
{
  int fd = (strncmp (path, "fd:", 3) == 0 ? atoi (path + 3)
            : open (path, O_RDONLY | O_CLOEXEC));
  if (fd < 0)
    return fail (path);
  if (setns (fd, CLONE_NEWNET) != 0)
    return fail ("setns");
  printf ("joined %s\n", path);
  return 0;
}

int
main (int argc, char **argv)
{
  if (argc < 2)
    return usage ();
  char const *c = argv[1];
  char **a = argv + 2;
  int n = argc - 2;
  setvbuf (stdout, NULL, _IONBF, 0);
  long secs = 30;

  if (strcmp (c, "tcp-serve") == 0 && (n == 2 || n == 3))
    {
      int fd = bound_socket (a[0], SOCK_STREAM, a[1]);
      if (fd < 0)
        return fd == -2 ? 2 : 1;
      return serve (fd, n == 3 ? atol (a[2]) : secs);
    }
  if (strcmp (c, "tcp-connect") == 0 && (n == 2 || n == 3))
    return tcp_connect (a[0], a[1], n == 3 ? atol (a[2]) : 5000);
  if (strcmp (c, "tcp-self") == 0 && n == 1)
    return tcp_self (a[0]);
  if (strcmp (c, "udp-recv") == 0 && n == 3)
    return udp_recv (a[0], a[1], atol (a[2]));
  if (strcmp (c, "udp-send") == 0 && n == 3)
    return udp_send (a[0], a[1], a[2]);
  if (strcmp (c, "unix-serve") == 0 && (n == 2 || n == 3))
    return unix_serve (a[0], a[1], n == 3 ? atol (a[2]) : secs);
  if (strcmp (c, "unix-connect") == 0 && n == 1)
    return unix_connect (a[0]);
  if (strcmp (c, "dns-serve") == 0 && (n == 2 || n == 3))
    return dns_serve (a[0], a[1], n == 3 ? atol (a[2]) : secs);
  if (strcmp (c, "dns-query") == 0 && (n == 3 || n == 4))
    return dns_query (a[0], a[1], a[2], n == 4 ? atol (a[3]) : 1500);
  if (strcmp (c, "resolve") == 0 && n == 1)
    return resolve (a[0]);
  if (strcmp (c, "socket") == 0 && (n == 1 || n == 2))
    return make_socket (a[0], n == 2 ? a[1] : "native");
  if (strcmp (c, "io-uring") == 0 && n == 0)
    return io_uring ();
  if (strcmp (c, "setns") == 0 && n == 1)
    return join_netns (a[0]);
  if (strcmp (c, "landlock-abi") == 0 && n == 0)
    return landlock_abi ();
  if (strcmp (c, "pass-socket") == 0 && n >= 4 && strcmp (a[2], "--") == 0)
    return pass_socket (a[0], a[1], a + 3);
  if (strcmp (c, "connect-fd") == 0 && n == 3)
    return connect_fd (a[0], a[1], a[2]);
  return usage ();
}
