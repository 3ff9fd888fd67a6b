// bench/run chat, room load: N members join a room server (stdlab serve --mode room, or
// ncat --broker), each sends R lines a second for S seconds, and every member counts the lines
// of the others it receives: lost = expected - received after a drain. Plain POSIX + epoll.
// A line is "m<member> <seq> <send time, us>"; both servers may prefix it ("<peer> " in room).
// Usage: bench_chat_roomload --port P [--members 200] [--rate 10] [--seconds 10] [--drain 5]
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace {

long long nowUs()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(steady_clock::now().time_since_epoch()).count();
}

struct Member
{
    int fd = -1;
    std::string in;
    long long nextSendUs = 0;
    int sent = 0;
};

[[noreturn]] void usage(const char *why)
{
    std::fprintf(stderr,
                 "bench_chat_roomload: %s\nusage: bench_chat_roomload --port P [--members N] "
                 "[--rate LINES_PER_S] [--seconds S] [--drain S]\n",
                 why);
    std::exit(2);
}

/// The send time of a room line "... m<i> <seq> <us>", or -1 for anything else (notices).
long long lineTime(std::string_view line)
{
    const size_t space = line.rfind(" m");
    const size_t m = space != line.npos ? space + 1 : (line.starts_with("m") ? 0 : line.npos);
    if (m == line.npos) {
        return -1;
    }
    const std::string_view rest = line.substr(m + 1);
    const size_t s1 = rest.find(' ');
    const size_t s2 = s1 == rest.npos ? rest.npos : rest.find(' ', s1 + 1);
    if (s2 == rest.npos) {
        return -1;
    }
    return std::atoll(std::string(rest.substr(s2 + 1)).c_str());
}

} // namespace

int main(int argc, char **argv)
{
    int port = 0;
    int members = 200;
    double rate = 10;
    double seconds = 10;
    double drain = 5;
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        if (i + 1 >= argc) {
            usage("missing value");
        }
        const char *v = argv[++i];
        if (a == "--port") {
            port = std::atoi(v);
        } else if (a == "--members") {
            members = std::atoi(v);
        } else if (a == "--rate") {
            rate = std::atof(v);
        } else if (a == "--seconds") {
            seconds = std::atof(v);
        } else if (a == "--drain") {
            drain = std::atof(v);
        } else {
            usage("unknown option");
        }
    }
    if (port <= 0 || members < 2 || rate <= 0 || seconds <= 0) {
        usage("bad option value");
    }
    rlimit rl{};
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    const int ep = epoll_create1(EPOLL_CLOEXEC);
    std::vector<Member> m(static_cast<size_t>(members));
    int connectErrors = 0;
    for (int i = 0; i < members; ++i) {
        const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(uint16_t(port));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
            ++connectErrors;
            close(fd);
            continue;
        }
        const int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (fcntl(fd, F_SETFL, O_NONBLOCK) != 0) {
            usage("fcntl");
        }
        m[size_t(i)].fd = fd;
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.u32 = uint32_t(i);
        epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
    }
    std::vector<long long> latencies;
    latencies.reserve(size_t(members * rate * seconds * (members - 1)));
    long long received = 0;
    long long sentTotal = 0;
    long long sendErrors = 0;
    long long firstUs = 0;
    long long lastRecvUs = 0;
    char buf[65536];
    auto pump = [&](int timeoutMs) {
        epoll_event events[256];
        const int n = epoll_wait(ep, events, 256, timeoutMs);
        for (int k = 0; k < n; ++k) {
            Member &me = m[events[k].data.u32];
            for (;;) {
                const ssize_t r = read(me.fd, buf, sizeof buf);
                if (r <= 0) {
                    if (r == 0 || errno != EAGAIN) {
                        epoll_ctl(ep, EPOLL_CTL_DEL, me.fd, nullptr);
                    }
                    break;
                }
                me.in.append(buf, size_t(r));
            }
            size_t start = 0;
            const long long t = nowUs();
            for (size_t nl; (nl = me.in.find('\n', start)) != std::string::npos; start = nl + 1) {
                const long long sentAt = lineTime(std::string_view(me.in).substr(start, nl - start));
                if (sentAt > 0 && firstUs > 0) {
                    ++received;
                    lastRecvUs = t;
                    latencies.push_back(t - sentAt);
                }
            }
            me.in.erase(0, start);
        }
    };
    // Let the joins settle (their notices are not counted), then send for `seconds`.
    const long long settle = nowUs() + 1000000;
    while (nowUs() < settle) {
        pump(20);
    }
    const long long periodUs = (long long)(1e6 / rate);
    firstUs = nowUs();
    for (int i = 0; i < members; ++i) {
        m[size_t(i)].nextSendUs = firstUs + periodUs * i / members; // spread over a period
    }
    const int perMember = int(rate * seconds);
    for (;;) {
        const long long t = nowUs();
        bool more = false;
        for (int i = 0; i < members; ++i) {
            Member &me = m[size_t(i)];
            if (me.fd < 0 || me.sent >= perMember) {
                continue;
            }
            more = true;
            if (me.nextSendUs > t) {
                continue;
            }
            char line[96];
            const int len = std::snprintf(line, sizeof line, "m%d %d %lld\n", i, me.sent, t);
            if (write(me.fd, line, size_t(len)) == len) {
                ++sentTotal;
            } else {
                ++sendErrors;
            }
            ++me.sent;
            me.nextSendUs += periodUs;
        }
        if (!more) {
            break;
        }
        pump(1);
    }
    const long long sendEndUs = nowUs();
    const long long expected = sentTotal * (members - 1 - connectErrors);
    const long long drainEnd = sendEndUs + (long long)(drain * 1e6);
    while (received < expected && nowUs() < drainEnd) {
        pump(20);
    }
    std::sort(latencies.begin(), latencies.end());
    auto pct = [&](double p) {
        return latencies.empty() ? 0.0
                                 : latencies[std::min(latencies.size() - 1,
                                                      size_t(p * double(latencies.size())))]
                / 1000.0;
    };
    const double elapsed = double(std::max(lastRecvUs, sendEndUs) - firstUs) / 1e6;
    std::printf("members=%d sent=%lld expected=%lld received=%lld lost=%lld "
                "deliveries_per_s=%.0f p50_ms=%.1f p99_ms=%.1f elapsed_s=%.2f "
                "connect_errors=%d send_errors=%lld\n",
                members, sentTotal, expected, received, expected - received,
                elapsed > 0 ? double(received) / elapsed : 0.0, pct(0.5), pct(0.99), elapsed,
                connectErrors, sendErrors);
    return 0;
}
