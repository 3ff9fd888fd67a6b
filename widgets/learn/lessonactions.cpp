#include "learn/lessonactions.h"

#include "chat/chatpanel.h"
#include "date/datemodel.h"
#include "date/datepanel.h"
#include "files/filespanel.h"
#include "mainwindow.h"
#include "regex/pyregex.h"
#include "regex/regexmodel.h"
#include "regex/regexpanel.h"

#include <QCheckBox>
#include <QPointer>

using namespace stdlab::learn;

namespace {

void startServer(ChatPanel *panel, const QString &spec)
{
    QString ignored; // the spec was validated with the lesson; a port in use shows inline
    panel->startServerPreset(spec, &ignored);
}

bool failWith(QString *error, const QString &message)
{
    if (error) {
        *error = message;
    }
    return false;
}

} // namespace

bool LessonActions::applyTryIt(MainWindow *window, const Lesson &lesson, const Sandbox &sandbox,
                               QString *error)
{
    window->selectTab(lesson.tab);
    if (lesson.tab == QLatin1String("date")) {
        if (!applyDateState(lesson.tryIt, *window->datePanel()->model(), error)) {
            return false;
        }
        window->datePanel()->syncFromModel();
    } else if (lesson.tab == QLatin1String("regex")) {
        const auto state = regexState(lesson.tryIt, error);
        if (!state) {
            return false;
        }
        RegexPanel *panel = window->regexPanel();
        panel->showExample(
            { QString(), state->pattern, state->function, state->replacement, state->text });
        // showExample() clears the flags; the lesson's are ticked in the panel's own boxes,
        // which set the model's flags (and the code) as a click does.
        const std::pair<const char *, int> boxes[]
            = { { "flagI", stdlab::re::IGNORECASE }, { "flagM", stdlab::re::MULTILINE },
                { "flagS", stdlab::re::DOTALL },     { "flagX", stdlab::re::VERBOSE },
                { "flagA", stdlab::re::ASCII } };
        for (const auto &[name, flag] : boxes) {
            if (auto *box = panel->findChild<QCheckBox *>(QLatin1String(name))) {
                box->setChecked(state->flags & flag);
            }
        }
        if (panel->model()->flags() != state->flags) {
            return failWith(error, QStringLiteral("the Regex tab has no box for flags %1")
                                       .arg(stdlab::re::flagLetters(state->flags)));
        }
    } else if (lesson.tab == QLatin1String("files")) {
        if (!sandbox.ensure(error)) {
            return false;
        }
        const auto folder = prepareFiles(lesson.tryIt, sandbox.dir(), error);
        if (!folder) {
            return false;
        }
        FilesPanel *files = window->filesPanel();
        files->setSandboxRoot(sandbox.path());
        files->setDirectory(folder->isEmpty() ? sandbox.path() : sandbox.dir().filePath(*folder));
    } else if (lesson.tab == QLatin1String("chat")) {
        ChatPanel *chat = window->chatPanel();
        const QString spec = lesson.tryIt.value(QStringLiteral("serve")).toString();
        auto *session = chat->session();
        using State = stdlab::chat::ChatSession::State;
        if (session->state() == State::Idle) {
            startServer(chat, spec);
        } else {
            // Stop what runs (server or client), then start once the session is idle.
            QPointer<ChatPanel> guard(chat);
            auto connection = std::make_shared<QMetaObject::Connection>();
            *connection = QObject::connect(session, &stdlab::chat::ChatSession::stateChanged, chat,
                                           [guard, spec, connection](State state) {
                                               if (state == State::Idle && guard) {
                                                   QObject::disconnect(*connection);
                                                   startServer(guard, spec);
                                               }
                                           });
            if (session->isServing()) {
                chat->stopServer();
            } else {
                chat->disconnectFromServer();
            }
        }
    }
    return true;
}

CheckResult LessonActions::check(MainWindow *window, const Exercise &exercise,
                                 const Sandbox &sandbox, const ChatTrace &trace)
{
    switch (exercise.kind) {
    case CheckKind::Regex: {
        const stdlab::re::RegexModel *model = window->regexPanel()->model();
        return checkRegex(exercise, { model->pattern(), model->replacement(), model->flags() });
    }
    case CheckKind::Date:
        return checkDate(exercise, *window->datePanel()->model());
    case CheckKind::Files:
        return checkFiles(exercise, sandbox.dir());
    case CheckKind::Chat:
        return checkChat(exercise, trace);
    }
    return {};
}
