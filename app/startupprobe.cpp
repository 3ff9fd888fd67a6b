#include "startupprobe.h"

#include <QCoreApplication>
#include <QEvent>
#include <QTabWidget>
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
        QTimer::singleShot(0, this, [this] {
            timespec now{};
            clock_gettime(CLOCK_REALTIME, &now);
            rusage usage{};
            getrusage(RUSAGE_SELF, &usage);
            std::printf("shown_at_ns=%lld maxrss_kb=%ld\n",
                        static_cast<long long>(now.tv_sec) * 1000000000LL + now.tv_nsec,
                        usage.ru_maxrss);
            // The tabs' titles, in the UI language: tools/check-package.sh sees with them that an
            // installed binary finds its translations.
            if (auto *tabs = static_cast<QWidget *>(parent())->findChild<QTabWidget *>(
                    QStringLiteral("tabs"))) {
                QStringList titles;
                for (int i = 0; i < tabs->count(); ++i) {
                    titles << tabs->tabText(i);
                }
                std::printf("tabs=%s\n", titles.join(QLatin1Char('|')).toUtf8().constData());
            }
            std::fflush(stdout);
            QCoreApplication::exit(0);
        });
    }
    return QObject::eventFilter(watched, event);
}
