#include "batchrename.h"

#include "fspath.h"
#include "os.h"
#include "posixpath.h"
#include "regex/pyregex.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

#include <cerrno>
#include <sys/stat.h>
#include <unistd.h>

namespace stdlab::files {

namespace {

QByteArray nativeOf(const QString &directory, const QString &name)
{
    return fsEncode(directory.isEmpty() ? name : posixpath::join(directory, name));
}

bool isValidName(const QString &name)
{
    return !name.isEmpty() && name != QLatin1String(".") && name != QLatin1String("..")
        && !name.contains(QLatin1Char('/')) && !name.contains(QChar(0))
        && fsEncode(name).size() <= NAME_MAX;
}

/// The folder an item lives in, as the kernel finds it, so "a/x" and "./a/y" meet.
QByteArray folderKey(const QString &directory)
{
    return resolvedPath(fsEncode(directory.isEmpty() ? QStringLiteral(".") : directory));
}

} // namespace

QString RenameItem::newPath() const
{
    return directory.isEmpty() ? newName : posixpath::join(directory, newName);
}

bool RenamePlan::canApply() const
{
    return error.isEmpty() && problemCount() == 0;
}

qsizetype RenamePlan::renameCount() const
{
    return std::count_if(items.cbegin(), items.cend(),
                         [](const RenameItem &i) { return i.changes(); });
}

qsizetype RenamePlan::problemCount() const
{
    return std::count_if(items.cbegin(), items.cend(), [](const RenameItem &i) {
        return i.problem != RenameItem::Problem::None;
    });
}

RenamePlan planRenames(const QStringList &paths, const QString &pattern, const QString &repl,
                       int flags, qsizetype count)
{
    RenamePlan plan;
    re::Error error;
    const auto regex = re::Regex::compile(pattern, flags, &error);
    if (!regex) {
        plan.error = re::errorString(error, pattern);
        return plan;
    }
    const auto templ = re::Template::compile(repl, *regex, &error);
    if (!templ) {
        plan.error = re::errorString(error, repl);
        return plan;
    }
    using Problem = RenameItem::Problem;
    QSet<QPair<quint64, quint64>> seen;
    for (const QString &path : paths) {
        RenameItem item;
        item.path = path;
        const auto [head, tail] = posixpath::split(path);
        item.directory = head;
        item.oldName = tail;
        item.newName = tail;
        struct stat st;
        if (tail.isEmpty() || ::lstat(fsEncode(path).constData(), &st) != 0) {
            item.problem = Problem::Missing;
            plan.items.append(item);
            continue;
        }
        item.device = st.st_dev;
        item.inode = st.st_ino;
        if (seen.contains({item.device, item.inode})) {
            item.problem = Problem::Duplicate;
        }
        seen.insert({item.device, item.inode});
        const re::Subject subject(tail);
        const auto result = regex->sub(*templ, subject, count, &error);
        if (!result) {
            plan.error = re::errorString(error, pattern);
            plan.items.clear();
            return plan;
        }
        item.newName = result->text;
        if (item.changes()) {
            if (!isValidName(item.newName)) {
                item.problem = Problem::InvalidName;
            }
            item.caseOnly = item.newName.toCaseFolded() == item.oldName.toCaseFolded();
        }
        plan.items.append(item);
    }
    // Every name the folders will hold once done: the new names and the names kept.
    QHash<QByteArray, QList<qsizetype>> byNewName;
    QSet<QPair<quint64, quint64>> leaving; // files the batch renames away
    for (qsizetype i = 0; i < plan.items.size(); ++i) {
        const RenameItem &item = plan.items.at(i);
        if (item.problem == Problem::Missing || item.problem == Problem::Duplicate) {
            continue;
        }
        byNewName[folderKey(item.directory) + '/' + fsEncode(item.newName)].append(i);
        if (item.changes()) {
            leaving.insert({item.device, item.inode});
        }
    }
    for (auto it = byNewName.cbegin(); it != byNewName.cend(); ++it) {
        if (it.value().size() > 1) {
            for (const qsizetype i : it.value()) {
                RenameItem &item = plan.items[i];
                if (item.problem == Problem::None) {
                    item.problem = Problem::SameNewName;
                }
            }
        }
    }
    for (RenameItem &item : plan.items) {
        if (item.problem != Problem::None || !item.changes()) {
            continue;
        }
        struct stat st;
        if (::lstat(nativeOf(item.directory, item.newName).constData(), &st) != 0) {
            continue;
        }
        // The name is taken by the file itself (a case-only rename on a filesystem that
        // ignores case) or by a file the batch renames away: not a collision.
        const QPair<quint64, quint64> there{quint64(st.st_dev), quint64(st.st_ino)};
        if (there == QPair<quint64, quint64>{item.device, item.inode} || leaving.contains(there)) {
            continue;
        }
        item.problem = Problem::TargetExists;
    }
    return plan;
}

RenameOutcome applyRenames(const RenamePlan &plan)
{
    RenameOutcome outcome;
    if (!plan.canApply()) {
        outcome.ok = false;
        outcome.error = plan.error.isEmpty()
            ? FsResult::failure(QString(),
                                QStringLiteral("the plan has names that cannot be used"))
            : FsResult::failure(QStringLiteral("re.error"), plan.error);
        return outcome;
    }
    struct Step
    {
        QByteArray from;
        QByteArray to;
    };
    QList<const RenameItem *> items;
    for (const RenameItem &item : plan.items) {
        if (item.changes()) {
            items.append(&item);
        }
    }
    // The files must be the ones planned: a file replaced or renamed since is not touched.
    for (const RenameItem *item : std::as_const(items)) {
        struct stat st;
        const QByteArray path = fsEncode(item->path);
        if (::lstat(path.constData(), &st) != 0) {
            outcome.ok = false;
            outcome.error = FsResult::fromErrno(errno, item->path);
            return outcome;
        }
        if (quint64(st.st_dev) != item->device || quint64(st.st_ino) != item->inode) {
            outcome.ok = false;
            outcome.error = FsResult::failure(
                QString(),
                QCoreApplication::translate("BatchRename",
                                            "'%1' is not the file that was previewed (it was "
                                            "replaced or renamed since): nothing was renamed.")
                    .arg(item->path));
            return outcome;
        }
    }
    QList<QPair<QString, QString>> steps;
    for (const RenameItem *item : std::as_const(items)) {
        steps.append({item->path, item->newPath()});
    }
    return renameAllOrNothing(steps);
}

RenameOutcome renameAllOrNothing(const QList<QPair<QString, QString>> &steps)
{
    // Two steps, so that a -> b with b -> c, and a <-> b, need no order: first every file to
    // a temporary name of its folder, then each to its new name.
    RenameOutcome outcome;
    struct Done
    {
        QByteArray from;
        QByteArray to;
    };
    QList<Done> done;
    const QByteArray token = ".stdlab-rename-" + QByteArray::number(::getpid()) + '-';
    auto fail = [&](int errnum, qsizetype step) {
        outcome.ok = false;
        outcome.error = FsResult::fromErrno(errnum, steps.at(step).first, steps.at(step).second);
        for (auto it = done.crbegin(); it != done.crend(); ++it) {
            const int e = renameNoReplace(it->to, it->from);
            if (e != 0) {
                outcome.rollbackFailures.append(
                    osErrorMessage(e, fsDecode(it->to), fsDecode(it->from)));
            }
        }
        outcome.rolledBack = outcome.rollbackFailures.isEmpty();
        return outcome;
    };
    QList<QByteArray> temporary;
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const QByteArray from = fsEncode(steps.at(i).first);
        const QString tempName = fsDecode(token + QByteArray::number(i));
        const QByteArray tempPath = nativeOf(posixpath::dirname(steps.at(i).first), tempName);
        const int e = renameNoReplace(from, tempPath);
        if (e != 0) {
            return fail(e, i);
        }
        done.append({from, tempPath});
        temporary.append(tempPath);
    }
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const QByteArray to = fsEncode(steps.at(i).second);
        const int e = renameNoReplace(temporary.at(i), to);
        if (e != 0) {
            return fail(e, i);
        }
        done.append({temporary.at(i), to});
    }
    outcome.renamed = steps.size();
    return outcome;
}

} // namespace stdlab::files
