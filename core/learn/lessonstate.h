#pragma once

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace stdlab::date {
class DateModel;
}

/**
 * What a lesson's "Try it" state means for each tab, without widgets: the Dates model's inputs,
 * the Regex tab's pattern and text, files made in the sandbox, the Chat server to start. The
 * Course dock applies them to the panels; tests apply them to models and folders.
 */
namespace stdlab::learn {

/// Sets the Dates model's section ("now", "difference", "add", "convert", "format"), inputs
/// ("diffA": "2023-06-14", ...), amounts ({"days": 30}) and "subtract"; false + @p error on an
/// unknown key.
bool applyDateState(const QJsonObject &state, date::DateModel &model, QString *error = nullptr);
/// The section names applyDateState() takes, in DateModel::Section order.
QStringList dateSectionNames();

/** The Regex tab's state: what RegexPanel::showExample() takes, plus flags. */
struct RegexState
{
    QString pattern;
    QString function = QStringLiteral("findall");
    QString replacement;
    QString text;
    int flags = 0;
};
std::optional<RegexState> regexState(const QJsonObject &state, QString *error = nullptr);

/// Makes the state's "dirs" and "files" ({"name": "content"}) under @p root and returns the
/// folder to show ("folder", relative to @p root). Paths must stay inside @p root.
std::optional<QString> prepareFiles(const QJsonObject &state, const QDir &root,
                                    QString *error = nullptr);
/// A right answer of a files exercise, done for tests: [["makedirs", "a/b"], ["remove", "x"],
/// ["rmdir", "a"], ["rmtree", "a"], ["rename", "a", "b"], ["write", "a.txt", "text"],
/// ["copy", "a", "b"]].
bool applyFileOps(const QJsonArray &ops, const QDir &root, QString *error = nullptr);
/// A relative path that stays inside its root (no "..", not absolute, not empty).
bool isSafeRelativePath(const QString &path);

/// `tcp:PORT[:MODE]` or `udp:PORT`, as `stdlab --serve` takes it; false + @p error otherwise.
bool isValidServeSpec(const QString &spec, QString *error = nullptr);

/// True when a files program creates, opens, renames, moves or deletes something (a call of
/// os.mkdir, shutil.rmtree, open, ...), false when it only looks (listdir, exists, getsize).
bool changesFiles(const QString &code);
/// The tree under @p root, sorted, a line per entry: "a/" for a folder, "a/x.txt  5 B  'Hola\n'"
/// for a file (its text when short, else a digest of its bytes), "a/l -> target" for a link.
QStringList treeLines(const QString &root);
/// Copies the tree under @p from into @p to (created): folders, files, links as links.
bool copyTree(const QString &from, const QString &to, QString *error = nullptr);

/** The folder where files lessons work, under the app's data directory. */
class Sandbox
{
public:
    /// <AppDataLocation>/sandbox (QStandardPaths), or @p root when given (tests).
    explicit Sandbox(const QString &root = QString());
    QString path() const { return m_root; }
    QDir dir() const { return QDir(m_root); }
    /// Creates the folder if it is missing.
    bool ensure(QString *error = nullptr) const;
    /// Empties it (everything in it is removed) and creates it again.
    bool reset(QString *error = nullptr) const;
    /// True when @p path is the sandbox or inside it (symlinks resolved; a path that does not
    /// exist yet is judged by the folder it would be made in).
    bool contains(const QString &path) const;
    /// What a files program @p code names outside the sandbox when it runs in
    /// @p workingDirectory: each string literal read as a path (relative ones after the
    /// os.chdir() before them; "~" is the home folder), and paths found only at run time
    /// (expanduser, Path.home, getenv, environ, getcwd). Empty when the program stays inside
    /// or changes nothing (no call that creates, opens, renames, moves or deletes).
    QStringList realPathsIn(const QString &code, const QString &workingDirectory) const;

private:
    QString m_root;
};

} // namespace stdlab::learn
