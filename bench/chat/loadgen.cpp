// bench_chat_loadgen: a TCP echo load generator for `bench/run chat`.
//
// One process, one thread, epoll, non-blocking sockets. Phase 1 (connect, timed as connect_s):
// opens N connections to HOST:PORT, at most K at a time not yet served, and each sends one
// warm-up message and waits for its echo, so that the server has really accepted every client
// (a completed handshake only means the kernel queued it) and all N are being served at once.
// Phase 2 (timed as elapsed_s): every client sends a message of S bytes, waits for its whole
// echo, checks every byte, and sends the next, M times; the round trip of each message is
// recorded. The connections are closed only after every client has finished (or failed).
// With --rate R the clients are paced instead (an open schedule, the load a server meets from
// many independent users): client i sends its k-th message at t0 + (k + i/N) / R, or as soon as
// the echo of its previous one is back if that is later, and each round trip is timed from the
// scheduled time, so a server that falls behind is charged for the wait it caused (no
// coordinated omission). Without --rate (a closed loop with all N clients in flight) every
// latency is about N / throughput by Little's law: it measures throughput, not responsiveness.
// The result is one line of key=value figures on stdout:
//   clients= messages= size= connected= connect_s= elapsed_s= msgs= msgs_per_s= p50_ms= p90_ms=
//   p99_ms= p999_ms= max_ms= errors= err_refused= err_connect= err_reset= err_eof= err_mismatch=
//   err_timeout= hist_ms=
// hist_ms is the latency histogram: counts of round trips under 1, 2, 4, ... 512 ms and over,
// separated by '/', to compare the shapes of two servers' tails. --slow FILE writes every round
// trip at or over the p99 as "finished_at_ms latency_ms client" (to see when a tail happens).
// `errors` counts clients that did not complete all their messages correctly (each client
// counts once, under the first thing that went wrong with it).
//
// --tls: every client speaks TLS (OpenSSL, non-blocking, the certificate not checked: the
// handshake is timed within connect_s, each message is one SSL_write and its echo SSL_reads).
//
// No Qt on purpose: the generator must not share an event loop implementation with the server
// it measures, and it must cost as little CPU as possible on a 2-core machine.

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <string>
#include <string_view>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t0)
{
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

enum class State : uint8_t { Idle, Connecting, Handshaking, Sending, Receiving, Ready, Done, Failed };

enum Error : uint8_t { NoError, Refused, ConnectFailed, Reset, Eof, Mismatch, TimedOut, ErrorKinds };
constexpr const char *errorKey[ErrorKinds] = {"",       "err_refused",  "err_connect", "err_reset",
                                              "err_eof", "err_mismatch", "err_timeout"};

struct Conn
{
    int fd = -1;
    SSL *ssl = nullptr; // --tls
    State state = State::Idle;
    Error error = NoError;
    bool warm = true;     // still in phase 1: connecting or exchanging the warm-up message
    uint32_t done = 0;    // messages whose echo came back complete (the warm-up is number 0)
    uint32_t sentOff = 0; // bytes of the current message sent
    uint32_t recvOff = 0; // bytes of its echo received
    uint32_t owed = 0;    // --rate: scheduled messages waiting for the previous echo
    Clock::time_point sentAt;  // when the current message was sent, or scheduled (--rate)
    Clock::time_point nextDue; // --rate: the scheduled time of the first owed message
};

struct Options
{
    std::string host = "127.0.0.1";
    int port = 0;
    uint32_t clients = 1000;
    uint32_t messages = 200;
    uint32_t size = 64;
    uint32_t inflightConnects = 1000; // clients connecting or warming up at once
    double timeout = 60;              // seconds for the whole run
    double rate = 0;                  // messages/s per client; 0 = each as soon as echoed
    std::string slowLog;              // --slow FILE: the round trips at or over the p99
    bool tls = false;                 // --tls 1
};

[[noreturn]] void usage(const char *why)
{
    std::fprintf(stderr,
                 "bench_chat_loadgen: %s\nusage: bench_chat_loadgen --port P [--host A] "
                 "[--clients N] [--messages M] [--size S] [--inflight K] [--timeout SEC] "
                 "[--rate R] [--slow FILE] [--tls 1]\n",
                 why);
    std::exit(2);
}

Options parseOptions(int argc, char **argv)
{
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        if (i + 1 >= argc) {
            usage("missing value");
        }
        const char *v = argv[++i];
        if (a == "--host") {
            o.host = v;
        } else if (a == "--port") {
            o.port = std::atoi(v);
        } else if (a == "--clients") {
            o.clients = static_cast<uint32_t>(std::strtoul(v, nullptr, 10));
        } else if (a == "--messages") {
            o.messages = static_cast<uint32_t>(std::strtoul(v, nullptr, 10));
        } else if (a == "--size") {
            o.size = static_cast<uint32_t>(std::strtoul(v, nullptr, 10));
        } else if (a == "--inflight") {
            o.inflightConnects = static_cast<uint32_t>(std::strtoul(v, nullptr, 10));
        } else if (a == "--timeout") {
            o.timeout = std::atof(v);
        } else if (a == "--rate") {
            o.rate = std::atof(v);
        } else if (a == "--slow") {
            o.slowLog = v;
        } else if (a == "--tls") {
            o.tls = std::atoi(v) != 0;
        } else {
            usage("unknown option");
        }
    }
    if (o.port <= 0 || o.port > 65535 || o.clients == 0 || o.size < 16 || o.size > 65536
        || o.inflightConnects == 0 || o.rate < 0) {
        usage("bad option value");
    }
    return o;
}

// The bytes client @p id sends as message @p index: a readable chat line ("c000042 m0007 "
// then pseudo-random letters, ending in '\n"), different for every client and message so a
// misrouted or reordered echo is caught. Never "bye".
void fillMessage(char *out, uint32_t size, uint32_t id, uint32_t index)
{
    const int head = std::snprintf(out, size, "c%06u m%04u ", id, index);
    uint64_t x = (uint64_t(id) << 32 | index) * 0x9E3779B97F4A7C15ull + 1;
    for (uint32_t i = uint32_t(head); i + 1 < size; ++i) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out[i] = char('a' + (x % 26));
    }
    out[size - 1] = '\n';
}

void raiseFileLimit(uint32_t needed)
{
    rlimit rl{};
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0) {
        return;
    }
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
    if (rl.rlim_cur < needed + 16) {
        std::fprintf(stderr, "bench_chat_loadgen: RLIMIT_NOFILE is %llu, %u clients need more\n",
                     static_cast<unsigned long long>(rl.rlim_cur), needed);
        std::exit(1);
    }
}

class LoadGenerator
{
public:
    explicit LoadGenerator(const Options &o)
        : m_o(o)
        , m_conns(o.clients)
        , m_expected(size_t(o.clients) * o.size)
        , m_scratch(std::max<size_t>(o.size, 4096))
        , m_watched(o.clients)
    {
        m_latencies.reserve(size_t(o.clients) * o.messages);
        if (!o.slowLog.empty()) {
            m_finishedAt.reserve(size_t(o.clients) * o.messages);
            m_finishedBy.reserve(size_t(o.clients) * o.messages);
        }
        m_addr.sin_family = AF_INET;
        m_addr.sin_port = htons(uint16_t(o.port));
        if (inet_pton(AF_INET, o.host.c_str(), &m_addr.sin_addr) != 1) {
            usage("--host must be an IPv4 address");
        }
        m_epoll = epoll_create1(EPOLL_CLOEXEC);
        if (o.tls) {
            m_ctx = SSL_CTX_new(TLS_client_method());
            SSL_CTX_set_verify(m_ctx, SSL_VERIFY_NONE, nullptr);
            SSL_CTX_set_mode(m_ctx, SSL_MODE_ENABLE_PARTIAL_WRITE
                                        | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
        }
    }

    int run()
    {
        const auto start = Clock::now();
        connectAll(start);
        const double connectSeconds = secondsSince(start);

        const auto t0 = Clock::now();
        m_t0 = t0;
        if (m_o.rate > 0) {
            runPaced(start, t0);
        } else {
            for (uint32_t id = 0; id < m_o.clients; ++id) {
                if (m_conns[id].state == State::Ready) {
                    startMessage(id);
                }
            }
            loop(start, [this] { return m_active == 0; });
        }
        const double elapsed = secondsSince(t0);
        for (uint32_t id = 0; id < m_o.clients; ++id) {
            Conn &c = m_conns[id];
            if (c.state != State::Done && c.state != State::Failed) {
                fail(id, TimedOut);
            }
            closeConn(c);
        }
        report(connectSeconds, elapsed);
        return 0;
    }

private:
    /// Handles events until @p finished; @p waitMs (if given) runs before each wait and says
    /// how long the wait may be at most.
    template<typename Finished>
    void loop(Clock::time_point start, Finished finished, const std::function<int()> &waitMs = {})
    {
        std::vector<epoll_event> events(1024);
        while (!finished()) {
            const double left = m_o.timeout - secondsSince(start);
            if (left <= 0) {
                return;
            }
            int wait = std::max(1, int(std::min(left, 1.0) * 1000));
            if (waitMs) {
                wait = std::min(wait, waitMs());
            }
            const int n = epoll_wait(m_epoll, events.data(), int(events.size()), wait);
            if (n < 0 && errno != EINTR) {
                std::perror("epoll_wait");
                std::exit(1);
            }
            for (int i = 0; i < n; ++i) {
                handle(uint32_t(events[size_t(i)].data.u32), events[size_t(i)].events);
            }
        }
    }

    void connectAll(Clock::time_point start)
    {
        uint32_t next = 0;
        auto launch = [&] {
            while (next < m_o.clients && m_connecting < m_o.inflightConnects) {
                startConnect(next++);
            }
        };
        launch();
        loop(start, [&] {
            launch();
            return next == m_o.clients && m_connecting == 0;
        });
        for (uint32_t id = 0; id < m_o.clients; ++id) {
            const Conn &c = m_conns[id];
            if (c.state == State::Idle || (c.warm && c.state != State::Failed)) {
                fail(id, TimedOut);
            }
        }
    }

    void startConnect(uint32_t id)
    {
        Conn &c = m_conns[id];
        c.fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (c.fd < 0) {
            std::perror("socket");
            std::exit(1);
        }
        const int one = 1;
        setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        c.state = State::Connecting;
        ++m_connecting;
        if (connect(c.fd, reinterpret_cast<const sockaddr *>(&m_addr), sizeof m_addr) == 0) {
            connected(id);
            return;
        }
        if (errno != EINPROGRESS) {
            fail(id, errno == ECONNREFUSED ? Refused : ConnectFailed);
            return;
        }
        watch(id, EPOLLOUT, EPOLL_CTL_ADD);
    }

    void connected(uint32_t id)
    {
        if (!m_watched[id]) {
            watch(id, EPOLLIN, EPOLL_CTL_ADD);
        }
        if (m_ctx) {
            Conn &c = m_conns[id];
            c.ssl = SSL_new(m_ctx);
            SSL_set_fd(c.ssl, c.fd);
            SSL_set_tlsext_host_name(c.ssl, "localhost");
            SSL_set_connect_state(c.ssl);
            c.state = State::Handshaking;
            handshake(id);
            return;
        }
        startMessage(id); // the warm-up message
    }

    void handshake(uint32_t id)
    {
        Conn &c = m_conns[id];
        ERR_clear_error();
        const int r = SSL_do_handshake(c.ssl);
        if (r == 1) {
            watch(id, EPOLLIN, EPOLL_CTL_MOD);
            startMessage(id); // the warm-up message
            return;
        }
        const int e = SSL_get_error(c.ssl, r);
        if (e == SSL_ERROR_WANT_READ) {
            watch(id, EPOLLIN, EPOLL_CTL_MOD);
        } else if (e == SSL_ERROR_WANT_WRITE) {
            watch(id, EPOLLIN | EPOLLOUT, EPOLL_CTL_MOD);
        } else {
            fail(id, ConnectFailed);
        }
    }

    /// One send(), or SSL_write(): bytes taken, 0 when it must wait, -1 on an error.
    ssize_t sendBytes(Conn &c, const char *data, size_t size, uint32_t id)
    {
        if (!c.ssl) {
            const ssize_t n = send(c.fd, data, size, MSG_NOSIGNAL);
            if (n < 0 && errno == EAGAIN) {
                watch(id, EPOLLIN | EPOLLOUT, EPOLL_CTL_MOD);
                return 0;
            }
            return n;
        }
        ERR_clear_error();
        const int n = SSL_write(c.ssl, data, int(size));
        if (n > 0) {
            return n;
        }
        const int e = SSL_get_error(c.ssl, n);
        if (e == SSL_ERROR_WANT_WRITE || e == SSL_ERROR_WANT_READ) {
            watch(id, EPOLLIN | EPOLLOUT, EPOLL_CTL_MOD);
            return 0;
        }
        errno = ECONNRESET;
        return -1;
    }

    /// One recv(), or SSL_read(): bytes read, 0 at the end, -1 with errno (EAGAIN: wait).
    ssize_t recvBytes(Conn &c, char *data, size_t size)
    {
        if (!c.ssl) {
            return recv(c.fd, data, size, 0);
        }
        ERR_clear_error();
        const int n = SSL_read(c.ssl, data, int(size));
        if (n > 0) {
            return n;
        }
        const int e = SSL_get_error(c.ssl, n);
        if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
            errno = EAGAIN;
            return -1;
        }
        if (e == SSL_ERROR_ZERO_RETURN) {
            return 0;
        }
        errno = ECONNRESET;
        return -1;
    }

    void closeConn(Conn &c)
    {
        if (c.ssl) {
            SSL_free(c.ssl);
            c.ssl = nullptr;
        }
        if (c.fd >= 0) {
            close(c.fd);
            c.fd = -1;
        }
    }

    void watch(uint32_t id, uint32_t events, int op)
    {
        epoll_event ev{};
        ev.events = events;
        ev.data.u32 = id;
        if (epoll_ctl(m_epoll, op, m_conns[id].fd, &ev) != 0) {
            std::perror("epoll_ctl");
            std::exit(1);
        }
        m_watched[id] = true;
    }

    /// --rate: slot s is message s / n of the s % n-th ready client, due at t0 + s / (n * rate).
    void runPaced(Clock::time_point start, Clock::time_point t0)
    {
        std::vector<uint32_t> ready;
        for (uint32_t id = 0; id < m_o.clients; ++id) {
            if (m_conns[id].state == State::Ready) {
                ready.push_back(id);
            }
        }
        const uint64_t slots = uint64_t(ready.size()) * m_o.messages;
        const double slotSeconds = ready.empty() ? 0 : 1.0 / (double(ready.size()) * m_o.rate);
        const double period = 1.0 / m_o.rate;
        uint64_t next = 0;
        m_paced = true;
        m_period = std::chrono::duration_cast<Clock::duration>(
            std::chrono::duration<double>(period));
        auto due = [&](uint64_t slot) {
            return t0 + std::chrono::duration_cast<Clock::duration>(
                            std::chrono::duration<double>(double(slot) * slotSeconds));
        };
        // Everything due by now is sent (or owed); the wait ends by the next slot, at 1 ms
        // resolution: a message sent up to 1 ms late is charged that 1 ms.
        auto release = [&]() -> int {
            const auto now = Clock::now();
            for (; next < slots && due(next) <= now; ++next) {
                const uint32_t id = ready[size_t(next % ready.size())];
                Conn &c = m_conns[id];
                if (c.state == State::Ready) {
                    startMessage(id, due(next));
                } else if (c.state == State::Sending || c.state == State::Receiving) {
                    if (c.owed++ == 0) {
                        c.nextDue = due(next);
                    }
                }
            }
            if (next >= slots) {
                return 1000;
            }
            const double ms = std::chrono::duration<double, std::milli>(due(next) - now).count();
            return std::max(1, int(ms + 0.999));
        };
        loop(start, [&] { return next >= slots && m_active == 0; }, release);
    }

    void startMessage(uint32_t id, Clock::time_point scheduled = Clock::time_point())
    {
        Conn &c = m_conns[id];
        fillMessage(&m_expected[size_t(id) * m_o.size], m_o.size, id, c.done);
        c.sentOff = 0;
        c.recvOff = 0;
        c.state = State::Sending;
        c.sentAt = scheduled == Clock::time_point() ? Clock::now() : scheduled;
        sendSome(id);
    }

    void sendSome(uint32_t id)
    {
        Conn &c = m_conns[id];
        const char *msg = &m_expected[size_t(id) * m_o.size];
        while (c.sentOff < m_o.size) {
            const ssize_t n = sendBytes(c, msg + c.sentOff, m_o.size - c.sentOff, id);
            if (n == 0) {
                return; // watched for room
            }
            if (n < 0) {
                fail(id, errno == ECONNRESET || errno == EPIPE ? Reset : ConnectFailed);
                return;
            }
            c.sentOff += uint32_t(n);
        }
        c.state = State::Receiving;
        watch(id, EPOLLIN, EPOLL_CTL_MOD);
    }

    void handle(uint32_t id, uint32_t events)
    {
        Conn &c = m_conns[id];
        switch (c.state) {
        case State::Connecting: {
            int err = 0;
            socklen_t len = sizeof err;
            getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &err, &len);
            if (err != 0) {
                fail(id, err == ECONNREFUSED ? Refused : ConnectFailed);
            } else if (events & EPOLLOUT) {
                connected(id);
            }
            return;
        }
        case State::Handshaking:
            handshake(id);
            return;
        case State::Sending:
            if (events & EPOLLOUT) {
                sendSome(id);
            }
            if (c.state != State::Sending && c.state != State::Receiving) {
                return;
            }
            [[fallthrough]];
        case State::Ready:
        case State::Receiving:
        case State::Done:
            if (events & (EPOLLIN | EPOLLERR | EPOLLHUP)) {
                receive(id);
            }
            return;
        case State::Idle:
        case State::Failed:
            return;
        }
    }

    void receive(uint32_t id)
    {
        Conn &c = m_conns[id];
        for (;;) {
            const ssize_t n = recvBytes(c, m_scratch.data(), m_scratch.size());
            if (n < 0) {
                if (errno == EAGAIN) {
                    return;
                }
                fail(id, errno == ECONNRESET ? Reset : ConnectFailed);
                return;
            }
            if (n == 0) {
                fail(id, Eof);
                return;
            }
            // Bytes while idle, or more than the message: the server sent something unasked.
            if (c.state != State::Receiving && c.state != State::Sending) {
                fail(id, Mismatch);
                return;
            }
            const char *expected = &m_expected[size_t(id) * m_o.size];
            if (c.recvOff + uint32_t(n) > c.sentOff
                || std::memcmp(m_scratch.data(), expected + c.recvOff, size_t(n)) != 0) {
                fail(id, Mismatch);
                return;
            }
            c.recvOff += uint32_t(n);
            if (c.recvOff == m_o.size && c.warm) {
                c.warm = false;
                c.state = State::Ready;
                c.done = 1;
                --m_connecting;
                ++m_active;
                ++m_connected;
                return;
            }
            if (c.recvOff == m_o.size) {
                const auto now = Clock::now();
                m_latencies.push_back(
                    float(std::chrono::duration<double, std::milli>(now - c.sentAt).count()));
                if (!m_o.slowLog.empty()) {
                    m_finishedAt.push_back(
                        float(std::chrono::duration<double, std::milli>(now - m_t0).count()));
                    m_finishedBy.push_back(id);
                }
                if (++c.done == m_o.messages + 1) {
                    c.state = State::Done;
                    --m_active;
                    return; // stays open (and watched) until everyone is done
                }
                if (m_paced) {
                    if (c.owed == 0) {
                        c.state = State::Ready; // until its next slot
                        return;
                    }
                    --c.owed;
                    const auto scheduled = c.nextDue;
                    c.nextDue += m_period;
                    startMessage(id, scheduled);
                } else {
                    startMessage(id);
                }
                if (c.state != State::Receiving) {
                    return;
                }
            }
        }
    }

    void fail(uint32_t id, Error e)
    {
        Conn &c = m_conns[id];
        if (c.state == State::Failed) {
            return;
        }
        // A client that finished and is then dropped or sent unasked bytes fails too.
        if (c.state == State::Connecting || c.state == State::Handshaking
            || (c.warm && c.state != State::Idle)) {
            --m_connecting;
        } else if (c.state != State::Idle && c.state != State::Done) {
            --m_active;
        }
        c.state = State::Failed;
        c.error = e;
        closeConn(c);
    }

    void report(double connectSeconds, double elapsed)
    {
        uint32_t errs[ErrorKinds] = {};
        uint32_t failed = 0;
        for (const Conn &c : m_conns) {
            if (c.state == State::Failed) {
                ++failed;
                ++errs[c.error];
            }
        }
        std::vector<float> sorted = m_latencies;
        std::sort(sorted.begin(), sorted.end());
        auto percentile = [&sorted](double p) -> double {
            if (sorted.empty()) {
                return 0;
            }
            return sorted[std::min(sorted.size() - 1,
                                   size_t(p * double(sorted.size() - 1) + 0.5))];
        };
        const double p50 = percentile(0.50);
        const double p90 = percentile(0.90);
        const double p99 = percentile(0.99);
        const double p999 = percentile(0.999);
        const double maxMs = sorted.empty() ? 0 : sorted.back();
        const size_t msgs = m_latencies.size();
        std::printf("rate=%g clients=%u messages=%u size=%u connected=%u connect_s=%.3f "
                    "elapsed_s=%.3f msgs=%zu msgs_per_s=%.0f p50_ms=%.3f p90_ms=%.3f "
                    "p99_ms=%.3f p999_ms=%.3f max_ms=%.1f errors=%u",
                    m_o.rate, m_o.clients, m_o.messages, m_o.size, m_connected, connectSeconds,
                    elapsed, msgs, elapsed > 0 ? double(msgs) / elapsed : 0.0, p50, p90, p99,
                    p999, maxMs, failed);
        for (int e = 1; e < ErrorKinds; ++e) {
            std::printf(" %s=%u", errorKey[e], errs[e]);
        }
        // Counts under 1, 2, 4, ... 512 ms, then the rest.
        constexpr int kBuckets = 11;
        size_t hist[kBuckets] = {};
        for (float ms : m_latencies) {
            int b = 0;
            while (b < kBuckets - 1 && ms >= float(1 << b)) {
                ++b;
            }
            ++hist[b];
        }
        std::printf(" hist_ms=");
        for (int b = 0; b < kBuckets; ++b) {
            std::printf(b == 0 ? "%zu" : "/%zu", hist[b]);
        }
        std::printf("\n");
        if (!m_o.slowLog.empty()) {
            if (FILE *f = std::fopen(m_o.slowLog.c_str(), "w")) {
                for (size_t i = 0; i < m_finishedAt.size(); ++i) {
                    if (m_latencies[i] >= p99) {
                        std::fprintf(f, "%.3f %.3f %u\n", double(m_finishedAt[i]),
                                     double(m_latencies[i]), m_finishedBy[i]);
                    }
                }
                std::fclose(f);
            }
        }
    }

    Options m_o;
    std::vector<Conn> m_conns;
    std::vector<char> m_expected; // the current message of every client, size bytes each
    std::vector<char> m_scratch;
    std::vector<float> m_latencies; // ms
    std::vector<float> m_finishedAt; // --slow: ms since the exchange began
    std::vector<uint32_t> m_finishedBy; // --slow: the client
    Clock::time_point m_t0;
    std::vector<bool> m_watched;
    sockaddr_in m_addr{};
    int m_epoll = -1;
    SSL_CTX *m_ctx = nullptr; // --tls
    uint32_t m_connecting = 0;
    uint32_t m_active = 0; // connected and not yet done or failed
    uint32_t m_connected = 0; // connects that succeeded
    bool m_paced = false;     // --rate
    Clock::duration m_period{};
};

} // namespace

int main(int argc, char **argv)
{
    const Options o = parseOptions(argc, argv);
    raiseFileLimit(o.clients);
    return LoadGenerator(o).run();
}
