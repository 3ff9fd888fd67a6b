// lessonshot LANG OUT.png [chat]: a window at the "dates dd/mm/yyyy" lesson with its exercise
// checked (a hidden sample failed, with why) and its program run by python3 (compared with the
// panel); with "chat", at the "context managers, send and sendall" lesson: Try it starts the
// Chat tab's echo server, Run runs the course's Python client against it, the exchanged lines
// are compared and the exercise is checked. Grabbed as the user sees it; run under Xvfb by
// tools/lesson_screenshots.sh for the README.
#include "chat/chatpanel.h"
#include "learn/coursedock.h"
#include "learn/pythonrunner.h"
#include "learn/pythonrunpane.h"
#include "localization.h"
#include "mainwindow.h"
#include "regex/regexmodel.h"
#include "regex/regexpanel.h"

#include <QApplication>
#include <QTimer>

#include <cstdio>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("StdLab"));
    QCoreApplication::setApplicationName(QStringLiteral("stdlab"));
    const QStringList args = QCoreApplication::arguments();
    const bool chat = args.size() == 4 && args[3] == QLatin1String("chat");
    if (args.size() != 3 && !chat) {
        std::fprintf(stderr, "usage: lessonshot es|en OUT.png [chat]\n");
        return 2;
    }
    stdlab::installTranslations(&app, args[1]);
    MainWindow window;
    window.resize(1500, 940);
    window.show();
    window.showLesson(chat ? QStringLiteral("net-context-send") : QStringLiteral("regex-pattern"));
    CourseDock *dock = window.courseDock();
    dock->tryIt();
    QTimer::singleShot(800, &window, [&] {
        if (!chat) {
            dock->showHint(0);
            dock->check(0);
        }
        window.runPane()->run();
    });
    QObject::connect(
        window.runPane()->runner(), &stdlab::learn::PythonRunner::finished, &window, [&] {
            QTimer::singleShot(800, &window, [&] {
                if (chat) {
                    dock->check(0); // the Python client's message reached the server
                }
                QTimer::singleShot(300, &window, [&] {
                    if (!window.grab().save(args[2])) {
                        std::fprintf(stderr, "lessonshot: cannot write %s\n",
                                     qPrintable(args[2]));
                        app.exit(1);
                        return;
                    }
                    if (chat) {
                        window.chatPanel()->stopServer();
                    }
                    app.exit(0);
                });
            });
        });
    QTimer::singleShot(30000, &app, [&] { app.exit(1); });
    return app.exec();
}
