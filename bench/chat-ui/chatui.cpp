// bench/run chat-ui: a server Chat panel (the real widget, offscreen) under N clients sending
// R messages/s in total for S seconds, from a separate load process (this program with --load).
// Measures the largest gap of a 1 ms timer in the GUI thread (the longest event-loop stall) and
// the process's peak RSS. Last line: max_stall_ms=... rss_mb=...
#include "chat/chatpanel.h"
#include "chat/clientsmodel.h"
#include "chat/conversationmodel.h"

#include <QApplication>
#include <QComboBox>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QSpinBox>
#include <QTcpSocket>
#include <QTimer>

#include <sys/resource.h>

#include <algorithm>
#include <functional>
#include <cstdio>
#include <vector>

namespace {

void raiseFileLimit()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

double peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0; // kilobytes on Linux
}

/// The load: @p clients connections (at most 100 connecting at a time), then @p rate messages
/// per second in total, round-robin, for @p seconds. Prints "connected N" then "sent M errors E".
int runLoad(quint16 port, int clients, int rate, int seconds)
{
    std::vector<QTcpSocket *> sockets;
    sockets.reserve(size_t(clients));
    int connected = 0;
    int errors = 0;
    int started = 0;
    qint64 sent = 0;
    QTimer sender;
    QElapsedTimer clock;
    constexpr int TickMs = 10;
    auto startSending = [&] {
        std::printf("connected %d\n", connected);
        std::fflush(stdout);
        clock.start();
        sender.start(TickMs);
    };
    std::function<void()> connectMore = [&] {
        while (started < clients && started - connected - errors < 100) {
            auto *socket = new QTcpSocket(qApp);
            sockets.push_back(socket);
            ++started;
            QObject::connect(socket, &QTcpSocket::connected, qApp, [&, socket] {
                socket->setProperty("up", true);
                ++connected;
                if (connected + errors == clients) {
                    startSending();
                } else {
                    connectMore();
                }
            });
            QObject::connect(socket, &QTcpSocket::errorOccurred, qApp, [&, socket] {
                if (!socket->property("up").toBool() && !socket->property("counted").toBool()) {
                    socket->setProperty("counted", true);
                    ++errors;
                    if (connected + errors == clients) {
                        startSending();
                    } else {
                        connectMore();
                    }
                }
            });
            QObject::connect(socket, &QTcpSocket::readyRead, socket,
                             [socket] { socket->readAll(); });
            socket->connectToHost(QHostAddress::LocalHost, port);
        }
    };
    const QByteArray payload(24, 'x');
    size_t next = 0;
    QObject::connect(&sender, &QTimer::timeout, qApp, [&] {
        // Catch up with the schedule: rate * elapsed messages by now.
        const qint64 due = rate * clock.elapsed() / 1000;
        while (sent < due && !sockets.empty()) {
            QTcpSocket *s = sockets[next++ % sockets.size()];
            if (s->state() == QAbstractSocket::ConnectedState) {
                s->write("msg " + QByteArray::number(sent) + ' ' + payload + '\n');
            }
            ++sent;
        }
        if (clock.elapsed() >= seconds * 1000LL) {
            sender.stop();
            std::printf("sent %lld errors %d\n", static_cast<long long>(sent), errors);
            std::fflush(stdout);
            for (QTcpSocket *s : sockets) {
                s->disconnectFromHost();
            }
            QTimer::singleShot(500, qApp, &QCoreApplication::quit);
        }
    });
    connectMore();
    return QCoreApplication::exec();
}

} // namespace

int main(int argc, char **argv)
{
    raiseFileLimit();
    if (argc >= 6 && qstrcmp(argv[1], "--load") == 0) {
        QCoreApplication app(argc, argv);
        return runLoad(quint16(atoi(argv[2])), atoi(argv[3]), atoi(argv[4]), atoi(argv[5]));
    }
    const int clients = argc > 1 ? atoi(argv[1]) : 1000;
    const int rate = argc > 2 ? atoi(argv[2]) : 1000;
    const int seconds = argc > 3 ? atoi(argv[3]) : 10;
    const QString mode = argc > 4 ? QString::fromLatin1(argv[4]) : QStringLiteral("chat");

    QApplication app(argc, argv);
    ChatPanel panel;
    panel.resize(1280, 800);
    panel.show();
    panel.setRole(ChatPanel::ServerRole);
    auto *modes = panel.findChild<QComboBox *>(QStringLiteral("serverMode"));
    modes->setCurrentIndex(modes->findData(mode));
    panel.findChild<QSpinBox *>(QStringLiteral("serverPort"))->setValue(0);
    panel.startServer();
    if (!panel.isServing()) {
        std::fprintf(stderr, "chat-ui bench: the server did not start\n");
        return 1;
    }

    // The stall meter: a 1 ms timer; any longer gap is time the GUI thread could not react.
    QElapsedTimer tick;
    qint64 last = 0;
    qint64 maxStall = 0;
    qint64 stalls16 = 0; // gaps longer than a 60 Hz frame
    QTimer meter;
    meter.setTimerType(Qt::PreciseTimer);
    QObject::connect(&meter, &QTimer::timeout, &app, [&] {
        const qint64 now = tick.elapsed();
        const qint64 gap = now - last;
        last = now;
        maxStall = std::max(maxStall, gap);
        stalls16 += gap > 16 ? 1 : 0;
    });

    int peakClients = 0;
    QObject::connect(panel.clients(), &QAbstractItemModel::rowsInserted, &app,
                     [&] { peakClients = std::max(peakClients, panel.clients()->rowCount()); });

    QProcess load;
    load.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QByteArray loadOut;
    QObject::connect(&load, &QProcess::readyReadStandardOutput, &app, [&] {
        const QByteArray chunk = load.readAllStandardOutput();
        loadOut += chunk;
        std::fprintf(stderr, "load: %s", chunk.constData());
    });
    QObject::connect(&load, &QProcess::finished, &app, [&] {
        meter.stop();
        // Let the last batches arrive before counting.
        QTimer::singleShot(1000, &app, &QCoreApplication::quit);
    });
    QTimer::singleShot((seconds + 120) * 1000, &app, [&] {
        std::fprintf(stderr, "chat-ui bench: the load did not finish in time\n");
        load.kill();
    });

    // The load (and the meter) start once the window has been laid out and painted: the first
    // paint is start-up, not load (bench/run startup measures it).
    QTimer::singleShot(500, &app, [&] {
        tick.start();
        meter.start(1);
        load.start(QCoreApplication::applicationFilePath(),
                   {QStringLiteral("--load"), QString::number(panel.serverPort()),
                    QString::number(clients), QString::number(rate), QString::number(seconds)});
    });
    app.exec();

    const stdlab::chat::ConversationModel *log = panel.conversation();
    std::printf("clients=%d rate=%d seconds=%d mode=%s\n", clients, rate, seconds,
                qPrintable(mode));
    std::printf("peak_clients_listed=%d log_entries=%d log_trimmed=%lld gaps_over_16ms=%lld\n",
                peakClients, log->entryCount(), static_cast<long long>(log->trimmedCount()),
                static_cast<long long>(stalls16));
    std::printf("load: %s", loadOut.constData());
    std::printf("max_stall_ms=%lld rss_mb=%.1f\n", static_cast<long long>(maxStall), peakRssMb());
    return 0;
}
