#pragma once

#include <QCommandLineParser>
#include <QStringList>
#include <QTextStream>

#include <optional>

/** Shared plumbing of the headless subcommands: streams, usage errors, option parsing. */
namespace stdlab::cli {

/// Exit codes shared by every subcommand.
enum ExitCode { Ok = 0, Failure = 1, Usage = 2 };

QTextStream &out();
QTextStream &err();

/// "1 day", "0 days", "2 days": the English count the headless commands and the engines' own
/// (untranslated) summaries print; the GUI translates with tr("%n ...", nullptr, n) instead.
QString counted(qint64 n, const char *one, const char *many);

/// The application's translators for a language ("es", "en"; empty: the system's), for the
/// few headless outputs written in the UI language (`stdlab regex explain`). The application
/// registers the installer (core has no translations of its own); without one, English.
using LanguageInstaller = bool (*)(const QString &language);
void setLanguageInstaller(LanguageInstaller installer);
bool installLanguage(const QString &language);

/// Prints "stdlab <command>: <message>" and a hint to stderr; returns ExitCode::Usage.
int usageError(const QString &command, const QString &message);

/**
 * Parses @p arguments (arguments[0] is the command name, e.g. "date") with @p parser, which
 * already holds the options. Adds --help. Returns an exit code when the caller must stop:
 * 0 after printing help, 2 after an unknown option or a missing value.
 */
std::optional<int> parse(QCommandLineParser &parser, const QStringList &arguments,
                         const QString &synopsis);

/// Reads an integer option; on failure prints a usage error and returns std::nullopt.
std::optional<qint64> intOption(const QCommandLineParser &parser, const QString &name,
                                const QString &command, qint64 fallback = 0);

} // namespace stdlab::cli
