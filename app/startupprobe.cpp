#include "startupprobe.h"

#include <QCoreApplication>
#include <QEvent>
#include <QTimer>
#include <QWidget>
#include <QWindow>

#include <cstdio>
#include <ctime>
#include <sys/resource.h>

bool StartupProbe::enabled()
{
    return qEnvironmentVariableIsSet("STDLAB_STARTUP_PROBE");
}

void StartupProbe::attach(QWidget *window)
{
    auto *probe = new StartupProbe(window);
    window->winId(); // creates the QWindow so that its expose event can be watched
    window->windowHandle()->installEventFilter(probe);
}

bool StartupProbe::eventFilter(QObject *watched, QEvent *event)
{
    if (!m_done && event->type() == QEvent::Expose) {
        m_done = true;
        // The expose is delivered before the backing store is flushed: report after the paint.
        QTimer::singleShot(0, this, [] {
            timespec now{};
            clock_gettime(CLOCK_REALTIME, &now);
            rusage usage{};
            getrusage(RUSAGE_SELF, &usage);
            std::printf("shown_at_ns=%lld maxrss_kb=%ld\n",
                        static_cast<long long>(now.tv_sec) * 1000000000LL + now.tv_nsec,
                        usage.ru_maxrss);
            std::fflush(stdout);
            QCoreApplication::exit(0);
        });
    }
    return QObject::eventFilter(watched, event);
}
