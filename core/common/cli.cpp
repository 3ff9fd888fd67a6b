#include "common/cli.h"

#include <cstdio>

namespace stdlab::cli {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

QString counted(qint64 n, const char *one, const char *many)
{
    return QString::number(n) + QLatin1Char(' ')
        + QLatin1String(n == 1 || n == -1 ? one : many);
}

namespace {
LanguageInstaller s_installer = nullptr;
}

void setLanguageInstaller(LanguageInstaller installer)
{
    s_installer = installer;
}

bool installLanguage(const QString &language)
{
    return s_installer && s_installer(language);
}

int usageError(const QString &command, const QString &message)
{
    out().flush();
    err() << "stdlab " << command << ": " << message << "\n"
          << "Try 'stdlab " << command << " --help'.\n";
    err().flush();
    return Usage;
}

std::optional<int> parse(QCommandLineParser &parser, const QStringList &arguments,
                         const QString &synopsis)
{
    const QString command = arguments.value(0);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    QStringList args = arguments;
    args[0] = QStringLiteral("stdlab ") + command;
    if (!parser.parse(args)) {
        return usageError(command, parser.errorText());
    }
    if (parser.isSet(help)) {
        // helpText() starts with "Usage: <app> [options]"; replace with the subcommand synopsis.
        QString text = parser.helpText();
        const qsizetype eol = text.indexOf(QLatin1Char('\n'));
        text = QStringLiteral("Usage: stdlab ") + command + QLatin1Char(' ') + synopsis
            + text.mid(eol);
        out() << text;
        out().flush();
        return Ok;
    }
    return std::nullopt;
}

std::optional<qint64> intOption(const QCommandLineParser &parser, const QString &name,
                                const QString &command, qint64 fallback)
{
    if (!parser.isSet(name)) {
        return fallback;
    }
    bool ok = false;
    const qint64 v = parser.value(name).toLongLong(&ok);
    if (!ok) {
        usageError(command, QStringLiteral("--%1 expects an integer, got '%2'")
                                .arg(name, parser.value(name)));
        return std::nullopt;
    }
    return v;
}

} // namespace stdlab::cli
