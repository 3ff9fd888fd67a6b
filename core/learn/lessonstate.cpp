#include "learn/lessonstate.h"

#include "chat/servermode.h"
#include "common/pyrepr.h"
#include "date/datemodel.h"
#include "regex/pyregex.h"
#include "regex/regexmodel.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

namespace stdlab::learn {

namespace {

bool fail(QString *error, const QString &message)
{
    if (error) {
        *error = message;
    }
    return false;
}

const QStringList &amountNames()
{
    static const QStringList names
        = { QStringLiteral("years"),   QStringLiteral("months"),      QStringLiteral("weeks"),
            QStringLiteral("days"),    QStringLiteral("hours"),       QStringLiteral("minutes"),
            QStringLiteral("seconds"), QStringLiteral("microseconds") };
    return names;
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        && file.write(content) == content.size();
}

} // namespace

QStringList dateSectionNames()
{
    return { QStringLiteral("now"), QStringLiteral("difference"), QStringLiteral("add"),
             QStringLiteral("convert"), QStringLiteral("format") };
}

bool applyDateState(const QJsonObject &state, date::DateModel &model, QString *error)
{
    using date::DateModel;
    for (auto it = state.begin(); it != state.end(); ++it) {
        static const QStringList known = { QStringLiteral("section"), QStringLiteral("inputs"),
                                           QStringLiteral("amounts"), QStringLiteral("subtract") };
        if (!known.contains(it.key())) {
            return fail(error, QStringLiteral("unknown key \"%1\"").arg(it.key()));
        }
    }
    const QJsonObject inputs = state.value(QStringLiteral("inputs")).toObject();
    for (auto it = inputs.begin(); it != inputs.end(); ++it) {
        if (!DateModel::inputKeys().contains(it.key())) {
            return fail(error, QStringLiteral("unknown date input \"%1\"").arg(it.key()));
        }
        model.setInput(it.key(), it.value().toString());
    }
    const QJsonObject amounts = state.value(QStringLiteral("amounts")).toObject();
    // The amounts not named are 0: a lesson's state is the whole of it.
    for (int i = 0; i < DateModel::AmountCount; ++i) {
        if (state.contains(QStringLiteral("amounts"))) {
            model.setAmount(DateModel::Amount(i), amounts.value(amountNames()[i]).toInteger());
        }
    }
    for (auto it = amounts.begin(); it != amounts.end(); ++it) {
        if (!amountNames().contains(it.key())) {
            return fail(error, QStringLiteral("unknown amount \"%1\"").arg(it.key()));
        }
    }
    if (state.contains(QStringLiteral("subtract"))) {
        model.setSubtract(state.value(QStringLiteral("subtract")).toBool());
    }
    if (state.contains(QStringLiteral("section"))) {
        const int section
            = int(dateSectionNames().indexOf(state.value(QStringLiteral("section")).toString()));
        if (section < 0) {
            return fail(error,
                        QStringLiteral("unknown date section \"%1\"")
                            .arg(state.value(QStringLiteral("section")).toString()));
        }
        model.setSection(DateModel::Section(section));
    }
    return true;
}

std::optional<RegexState> regexState(const QJsonObject &state, QString *error)
{
    RegexState s;
    s.pattern = state.value(QStringLiteral("pattern")).toString();
    s.function = state.value(QStringLiteral("function")).toString(s.function);
    s.replacement = state.value(QStringLiteral("replacement")).toString();
    s.text = state.value(QStringLiteral("text")).toString();
    if (re::functionFromName(s.function) < 0) {
        fail(error, QStringLiteral("unknown function \"%1\"").arg(s.function));
        return std::nullopt;
    }
    QString flagError;
    s.flags = re::flagsFromLetters(state.value(QStringLiteral("flags")).toString(), &flagError);
    if (s.flags < 0) {
        fail(error, flagError);
        return std::nullopt;
    }
    return s;
}

bool isSafeRelativePath(const QString &path)
{
    if (path.isEmpty() || QDir::isAbsolutePath(path)) {
        return false;
    }
    const QStringList parts = path.split(QLatin1Char('/'));
    return !parts.contains(QStringLiteral(".."));
}

std::optional<QString> prepareFiles(const QJsonObject &state, const QDir &root, QString *error)
{
    for (const QJsonValue &value : state.value(QStringLiteral("dirs")).toArray()) {
        const QString dir = value.toString();
        if (!isSafeRelativePath(dir) || !root.mkpath(dir)) {
            fail(error, QStringLiteral("cannot make folder \"%1\"").arg(dir));
            return std::nullopt;
        }
    }
    const QJsonObject files = state.value(QStringLiteral("files")).toObject();
    for (auto it = files.begin(); it != files.end(); ++it) {
        if (!isSafeRelativePath(it.key())) {
            fail(error, QStringLiteral("unsafe file name \"%1\"").arg(it.key()));
            return std::nullopt;
        }
        root.mkpath(QFileInfo(it.key()).path());
        if (!writeFile(root.filePath(it.key()), it.value().toString().toUtf8())) {
            fail(error, QStringLiteral("cannot write \"%1\"").arg(it.key()));
            return std::nullopt;
        }
    }
    const QString folder = state.value(QStringLiteral("folder")).toString();
    if (!folder.isEmpty() && !isSafeRelativePath(folder)) {
        fail(error, QStringLiteral("unsafe folder \"%1\"").arg(folder));
        return std::nullopt;
    }
    return folder;
}

bool applyFileOps(const QJsonArray &ops, const QDir &root, QString *error)
{
    for (const QJsonValue &value : ops) {
        const QJsonArray op = value.toArray();
        const QString name = op.at(0).toString();
        const QString a = op.at(1).toString();
        const QString b = op.at(2).toString();
        if (!isSafeRelativePath(a)
            || (op.size() > 2 && name != QLatin1String("write") && !isSafeRelativePath(b))) {
            return fail(error, QStringLiteral("unsafe path in %1").arg(name));
        }
        bool ok = false;
        if (name == QLatin1String("makedirs")) {
            ok = root.mkpath(a);
        } else if (name == QLatin1String("mkdir")) {
            ok = root.mkdir(a);
        } else if (name == QLatin1String("remove")) {
            ok = QFile::remove(root.filePath(a));
        } else if (name == QLatin1String("rmdir")) {
            ok = root.rmdir(a);
        } else if (name == QLatin1String("rmtree")) {
            ok = QDir(root.filePath(a)).removeRecursively();
        } else if (name == QLatin1String("rename")) {
            ok = QDir(root).rename(a, b);
        } else if (name == QLatin1String("write")) {
            ok = writeFile(root.filePath(a), b.toUtf8());
        } else if (name == QLatin1String("copy")) {
            ok = QFile::copy(root.filePath(a), root.filePath(b));
        } else {
            return fail(error, QStringLiteral("unknown operation \"%1\"").arg(name));
        }
        if (!ok) {
            return fail(error, QStringLiteral("%1 %2 failed").arg(name, a));
        }
    }
    return true;
}

bool isValidServeSpec(const QString &spec, QString *error)
{
    const QStringList parts = spec.split(QLatin1Char(':'));
    bool portOk = false;
    const uint port = parts.value(1).toUInt(&portOk);
    if (parts.size() < 2 || parts.size() > 3
        || (parts[0] != QLatin1String("tcp") && parts[0] != QLatin1String("udp")) || !portOk
        || port > 65535) {
        return fail(error, QStringLiteral("not tcp:PORT[:MODE] or udp:PORT: \"%1\"").arg(spec));
    }
    if (parts.size() == 3 && (parts[0] == QLatin1String("udp") || !parseServerMode(parts[2]))) {
        return fail(error, QStringLiteral("bad mode in \"%1\"").arg(spec));
    }
    return true;
}

Sandbox::Sandbox(const QString &root)
    : m_root(root.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                     + QStringLiteral("/sandbox")
                            : root)
{
}

bool Sandbox::ensure(QString *error) const
{
    if (QDir().mkpath(m_root)) {
        return true;
    }
    return fail(error, QStringLiteral("cannot create %1").arg(m_root));
}

bool Sandbox::reset(QString *error) const
{
    QDir dir(m_root);
    if (dir.exists() && !dir.removeRecursively()) {
        return fail(error, QStringLiteral("cannot empty %1 (left: %2)")
                               .arg(m_root, dir.entryList(QDir::AllEntries | QDir::NoDotAndDotDot
                                                          | QDir::Hidden | QDir::System)
                                                .join(QStringLiteral(", "))));
    }
    return ensure(error);
}

bool Sandbox::contains(const QString &path) const
{
    const QString root = QFileInfo(m_root).canonicalFilePath();
    // The deepest folder of the path that exists, symlinks resolved, then the rest as written.
    QString existing = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    QString rest;
    while (!QFileInfo::exists(existing) && existing != QLatin1String("/")) {
        const qsizetype slash = existing.lastIndexOf(QLatin1Char('/'));
        rest = existing.mid(slash) + rest;
        existing = slash > 0 ? existing.left(slash) : QStringLiteral("/");
    }
    QString target = QFileInfo(existing).canonicalFilePath();
    if (root.isEmpty() || target.isEmpty()) {
        return false;
    }
    target = QDir::cleanPath(target + rest);
    return target == root || target.startsWith(root + QLatin1Char('/'));
}

namespace {

/// The value of a Python string literal's body (quotes removed), escapes decoded unless raw.
QString literalValue(QStringView body, bool raw)
{
    if (raw) {
        return body.toString();
    }
    QString out;
    for (qsizetype i = 0; i < body.size(); ++i) {
        const QChar c = body[i];
        if (c != QLatin1Char('\\') || i + 1 >= body.size()) {
            out += c;
            continue;
        }
        const QChar e = body[++i];
        auto hex = [&](int digits) {
            bool ok = false;
            const uint v = body.mid(i + 1, digits).toUInt(&ok, 16);
            if (ok) {
                i += digits;
                const char32_t cp = v;
                out += QString::fromUcs4(&cp, 1);
            }
        };
        switch (e.unicode()) {
        case 'n':
            out += QLatin1Char('\n');
            break;
        case 't':
            out += QLatin1Char('\t');
            break;
        case 'x':
            hex(2);
            break;
        case 'u':
            hex(4);
            break;
        case 'U':
            hex(8);
            break;
        default: // \\, \', \"
            out += e;
            break;
        }
    }
    return out;
}

} // namespace

bool changesFiles(const QString &code)
{
    static const QRegularExpression changes(QStringLiteral(
        R"(\b(mkdir|makedirs|remove|unlink|rmdir|removedirs|rename|renames|replace|rmtree|)"
        R"(copy\w*|move|chmod|chown|symlink|link|truncate|write_\w+|open|utime|touch|mkstemp|)"
        R"(mkdtemp|NamedTemporaryFile|TemporaryDirectory|TemporaryFile|make_archive|)"
        R"(unpack_archive|send2trash)\s*\()"));
    return code.contains(changes);
}

QStringList treeLines(const QString &root)
{
    QStringList lines;
    const QDir base(root);
    QDirIterator it(root, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        const QString name = base.relativeFilePath(info.filePath());
        if (info.isSymLink()) {
            lines << name + QStringLiteral(" -> ") + info.symLinkTarget();
        } else if (info.isDir()) {
            lines << name + QLatin1Char('/');
        } else {
            QFile f(info.filePath());
            QString content;
            if (info.size() <= 48 && f.open(QIODevice::ReadOnly)) {
                content = QStringLiteral("  ") + py::repr(QString::fromUtf8(f.readAll()));
            } else if (f.open(QIODevice::ReadOnly)) {
                QCryptographicHash hash(QCryptographicHash::Sha1);
                hash.addData(&f);
                content = QStringLiteral("  sha1 ") + QString::fromLatin1(hash.result().toHex().left(12));
            }
            lines << QStringLiteral("%1  %2 B%3").arg(name).arg(info.size()).arg(content);
        }
    }
    lines.sort();
    return lines;
}

bool copyTree(const QString &from, const QString &to, QString *error)
{
    if (!QDir().mkpath(to)) {
        return fail(error, QStringLiteral("cannot create %1").arg(to));
    }
    const QDir source(from);
    QDirIterator it(from, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        const QString target = to + QLatin1Char('/') + source.relativeFilePath(info.filePath());
        bool ok = true;
        if (info.isSymLink()) {
            ok = QFile::link(info.symLinkTarget(), target);
        } else if (info.isDir()) {
            ok = QDir().mkpath(target);
        } else {
            ok = QFile::copy(info.filePath(), target);
        }
        if (!ok) {
            return fail(error, QStringLiteral("cannot copy %1").arg(info.filePath()));
        }
    }
    return true;
}

QStringList Sandbox::realPathsIn(const QString &code, const QString &workingDirectory) const
{
    // Only a program that changes something can do harm (os.path.exists('/etc') cannot).
    if (!changesFiles(code)) {
        return {};
    }
    QStringList real;
    // Paths the program finds at run time: the home folder, the environment.
    static const QRegularExpression home(QStringLiteral(
        R"(\b(expanduser|Path\s*\.\s*home|getenv|environ|getcwd|chdir\s*\(\s*[^'"\s]))"));
    if (const auto m = home.match(code); m.hasMatch()) {
        real << m.captured(1);
    }
    // String literals (prefix, quote, body), comments skipped: a quote in one starts nothing.
    static const QRegularExpression token(
        QStringLiteral(R"((#[^\n]*)|(?<!\w)([rRbBuUfF]{0,2})('''|"""|'|")((?:\\.|(?!\3)[^\\])*?)\3)"),
        QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression chdir(QStringLiteral(R"(\bchdir\s*\(\s*$)"));
    QString cwd = workingDirectory;
    for (auto it = token.globalMatch(code); it.hasNext();) {
        const auto m = it.next();
        if (m.capturedLength(1) > 0) {
            continue;
        }
        const QString prefix = m.captured(2).toLower();
        const QString value = literalValue(m.capturedView(4), prefix.contains(QLatin1Char('r')));
        if (value.isEmpty() || value.contains(QLatin1Char('\n'))) {
            continue; // not a path (a text to write)
        }
        QString path = value;
        if (path == QLatin1String("~") || path.startsWith(QLatin1String("~/"))) {
            path = QDir::homePath() + path.mid(1);
        }
        path = QDir::cleanPath(QDir(cwd).absoluteFilePath(path));
        if (!contains(path)) {
            real << value;
        }
        if (QStringView(code).left(m.capturedStart()).contains(chdir)) {
            cwd = path; // later relative paths are relative to it
        }
    }
    real.removeDuplicates();
    return real;
}

} // namespace stdlab::learn
