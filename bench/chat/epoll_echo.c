/* bench/run chat: the reference the engine is measured against. A single-threaded
 * edge-triggered epoll echo server in plain C: accept, read, write back what was read, nothing
 * else (no logging, no line framing, no statistics). Prints "listening 127.0.0.1:PORT" once
 * bound; SIGTERM ends it.
 * Usage: bench_chat_epoll_echo [PORT]   (0 or nothing: the system picks one) */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_EVENTS 1024
#define BUF_SIZE 65536
#define PENDING_MAX (4 * 1024 * 1024)

/* Output the kernel did not take yet, per client (rare: echo clients read their replies). */
struct conn {
    char *out;
    size_t len;
};

static struct conn *conns;
static int nconns;
static volatile sig_atomic_t stop;

static void on_term(int sig)
{
    (void)sig;
    stop = 1;
}

static void drop(int ep, int fd)
{
    epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL);
    close(fd);
    if (fd < nconns) {
        free(conns[fd].out);
        conns[fd].out = NULL;
        conns[fd].len = 0;
    }
}

static int flush_out(int fd)
{
    struct conn *c = &conns[fd];
    while (c->len > 0) {
        ssize_t n = write(fd, c->out, c->len);
        if (n < 0) {
            return errno == EAGAIN ? 0 : -1;
        }
        memmove(c->out, c->out + n, c->len - (size_t)n);
        c->len -= (size_t)n;
    }
    return 0;
}

static int queue_out(int fd, const char *data, size_t len)
{
    struct conn *c = &conns[fd];
    if (c->len + len > PENDING_MAX) {
        return -1;
    }
    char *p = realloc(c->out, c->len + len);
    if (!p) {
        return -1;
    }
    memcpy(p + c->len, data, len);
    c->out = p;
    c->len += len;
    return 0;
}

int main(int argc, char **argv)
{
    int port = argc > 1 ? atoi(argv[1]) : 0;
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    nconns = (int)rl.rlim_cur;
    conns = calloc((size_t)nconns, sizeof *conns);
    signal(SIGPIPE, SIG_IGN);
    signal(SIGTERM, on_term);
    signal(SIGINT, on_term);

    int ls = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int one = 1;
    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in addr = {0};
    addr.sin_family = AF_INET;
    addr.sin_port = htons((unsigned short)port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(ls, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(ls, 4096) != 0) {
        perror("bench_chat_epoll_echo: bind/listen");
        return 1;
    }
    socklen_t alen = sizeof addr;
    getsockname(ls, (struct sockaddr *)&addr, &alen);
    printf("listening 127.0.0.1:%d\n", ntohs(addr.sin_port));
    fflush(stdout);

    int ep = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event ev = {.events = EPOLLIN, .data.fd = ls};
    epoll_ctl(ep, EPOLL_CTL_ADD, ls, &ev);
    struct epoll_event events[MAX_EVENTS];
    static char buf[BUF_SIZE];
    long served = 0;
    while (!stop) {
        int n = epoll_wait(ep, events, MAX_EVENTS, 200);
        for (int i = 0; i < n; ++i) {
            int fd = events[i].data.fd;
            if (fd == ls) {
                for (;;) {
                    int c = accept4(ls, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
                    if (c < 0) {
                        break;
                    }
                    if (c >= nconns) {
                        close(c);
                        continue;
                    }
                    setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    struct epoll_event cev = {.events = EPOLLIN | EPOLLOUT | EPOLLET,
                                              .data.fd = c};
                    epoll_ctl(ep, EPOLL_CTL_ADD, c, &cev);
                    ++served;
                }
                continue;
            }
            int dead = 0;
            if (events[i].events & EPOLLOUT) {
                dead = flush_out(fd) != 0;
            }
            if (!dead && (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR))) {
                for (;;) {
                    ssize_t r = read(fd, buf, sizeof buf);
                    if (r > 0) {
                        size_t off = 0;
                        if (conns[fd].len == 0) {
                            ssize_t w = write(fd, buf, (size_t)r);
                            if (w < 0 && errno != EAGAIN) {
                                dead = 1;
                                break;
                            }
                            off = w > 0 ? (size_t)w : 0;
                        }
                        if (off < (size_t)r && queue_out(fd, buf + off, (size_t)r - off) != 0) {
                            dead = 1;
                            break;
                        }
                        continue;
                    }
                    if (r == 0 || errno != EAGAIN) {
                        dead = 1;
                    }
                    break;
                }
            }
            if (dead) {
                drop(ep, fd);
            }
        }
    }
    printf("stopped served %ld clients\n", served);
    return 0;
}
