#include "startupprobe.h"

#include "learn/coursedock.h"

#include <QCoreApplication>
#include <QEvent>
#include <QLabel>
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
            // The Course dock's lesson ("hidden" when the dock is not shown): the end-to-end
            // test of `stdlab --lesson ID` reads it.
            auto *course = static_cast<QWidget *>(parent())->findChild<CourseDock *>();
            if (course && course->isVisible()) {
                std::printf("course=%s|%s\n", course->currentLessonId().toUtf8().constData(),
                            course->findChild<QLabel *>(QStringLiteral("lessonTitle"))
                                ->text()
                                .toUtf8()
                                .constData());
            } else {
                std::printf("course=hidden\n");
            }
            std::fflush(stdout);
            QCoreApplication::exit(0);
        });
    }
    return QObject::eventFilter(watched, event);
}
