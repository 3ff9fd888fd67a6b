#include "undojournal.h"

#include "batchrename.h"
#include "checksum.h"
#include "fileworker.h"
#include "posixpath.h"
#include "common/pyrepr.h"
#include "fspath.h"
#include "os.h"
#include "trash.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>
#include <optional>
#include <cerrno>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

namespace stdlab::files {

namespace {

constexpr qsizetype kKeep = 200;

const char *kindName(JournalEntry::Kind kind)
{
    switch (kind) {
    case JournalEntry::Kind::Create:
        return "create";
    case JournalEntry::Kind::Rename:
        return "rename";
    case JournalEntry::Kind::Copy:
        return "copy";
    case JournalEntry::Kind::Trash:
        return "trash";
    }
    return "create";
}

std::optional<JournalEntry::Kind> kindOf(const QString &name)
{
    for (const auto kind : { JournalEntry::Kind::Create, JournalEntry::Kind::Rename,
                             JournalEntry::Kind::Copy, JournalEntry::Kind::Trash }) {
        if (name == QLatin1String(kindName(kind))) {
            return kind;
        }
    }
    return std::nullopt;
}

QJsonObject toJson(const JournalStep &s)
{
    QJsonObject o { { QStringLiteral("to"), s.to },
                    { QStringLiteral("dir"), s.isDir },
                    { QStringLiteral("dev"), QString::number(s.device) },
                    { QStringLiteral("ino"), QString::number(s.inode) } };
    if (!s.from.isEmpty()) {
        o.insert(QStringLiteral("from"), s.from);
    }
    if (!s.info.isEmpty()) {
        o.insert(QStringLiteral("info"), s.info);
    }
    if (!s.hash.isEmpty()) {
        o.insert(QStringLiteral("size"), s.size);
        o.insert(QStringLiteral("mtime_ns"), QString::number(s.mtimeNs));
        o.insert(QStringLiteral("hash"), QString::fromLatin1(s.hash));
    }
    return o;
}

JournalStep stepOf(const QJsonObject &o)
{
    JournalStep s;
    s.from = o.value(QStringLiteral("from")).toString();
    s.to = o.value(QStringLiteral("to")).toString();
    s.info = o.value(QStringLiteral("info")).toString();
    s.isDir = o.value(QStringLiteral("dir")).toBool();
    s.device = o.value(QStringLiteral("dev")).toString().toULongLong();
    s.inode = o.value(QStringLiteral("ino")).toString().toULongLong();
    s.size = o.value(QStringLiteral("size")).toInteger(-1);
    s.mtimeNs = o.value(QStringLiteral("mtime_ns")).toString().toLongLong();
    s.hash = o.value(QStringLiteral("hash")).toString().toLatin1();
    return s;
}

bool lstatOf(const QString &path, struct stat *st)
{
    return ::lstat(fsEncode(path).constData(), st) == 0;
}

bool sameItem(const JournalStep &s, const QString &path)
{
    struct stat st;
    return lstatOf(path, &st) && quint64(st.st_dev) == s.device && quint64(st.st_ino) == s.inode;
}

QString repr(const QString &path) { return py::repr(path); }

/// A fingerprint of a file (size, mtime, BLAKE2b) or of a tree (every entry's relative name,
/// type, size, mtime and file hash, hashed together), in @p step. A file @p copied knows (same
/// inode, size and time) is not read again.
void fingerprint(const QString &path, JournalStep &step, const CopiedFiles &copied = {})
{
    struct stat st;
    if (!lstatOf(path, &st)) {
        return;
    }
    step.isDir = S_ISDIR(st.st_mode);
    step.device = st.st_dev;
    step.inode = st.st_ino;
    step.size = S_ISREG(st.st_mode) ? st.st_size : 0;
    step.mtimeNs = qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    if (S_ISREG(st.st_mode)) {
        const auto known = copied.constFind({step.device, step.inode});
        if (known != copied.cend() && known->size == step.size
            && known->mtimeNs == step.mtimeNs && !known->blake2b.isEmpty()) {
            step.hash = known->blake2b.toHex();
            return;
        }
        step.hash = fileDigest(path, QCryptographicHash::Blake2b_512).hex;
        return;
    }
    QCryptographicHash tree(QCryptographicHash::Blake2b_512);
    if (S_ISLNK(st.st_mode)) {
        char target[4096];
        const ssize_t n = ::readlink(fsEncode(path).constData(), target, sizeof target);
        tree.addData(QByteArrayView(target, n > 0 ? n : 0));
        step.hash = tree.result().toHex();
        return;
    }
    // A folder: its entries sorted, each with its own fingerprint (recursively).
    QStringList names;
    if (DIR *dir = ::opendir(fsEncode(path).constData())) {
        while (const dirent *e = ::readdir(dir)) {
            const QByteArray name(e->d_name);
            if (name != "." && name != "..") {
                names << fsDecode(name);
            }
        }
        ::closedir(dir);
    }
    names.sort();
    for (const QString &name : std::as_const(names)) {
        JournalStep child;
        fingerprint(path + QLatin1Char('/') + name, child, copied);
        tree.addData(fsEncode(name));
        tree.addData(QByteArray(
            QByteArray::number(child.isDir) + ' ' + QByteArray::number(child.size)
            + ' '
            // a folder's own time moves with every name added and
            // removed again: its entries tell whether it changed
            + QByteArray::number(child.isDir ? 0 : child.mtimeNs) + ' ' + child.hash + '\n'));
    }
    step.hash = tree.result().toHex();
}

/// Removes @p path (a file, a link, or a folder and all under it), never following links.
int removeAll(const QByteArray &path)
{
    struct stat st;
    if (::lstat(path.constData(), &st) != 0) {
        return errno;
    }
    if (!S_ISDIR(st.st_mode)) {
        return ::unlink(path.constData()) == 0 ? 0 : errno;
    }
    if (DIR *dir = ::opendir(path.constData())) {
        QList<QByteArray> names;
        while (const dirent *e = ::readdir(dir)) {
            const QByteArray name(e->d_name);
            if (name != "." && name != "..") {
                names << name;
            }
        }
        ::closedir(dir);
        for (const QByteArray &name : std::as_const(names)) {
            if (const int e = removeAll(path + '/' + name)) {
                return e;
            }
        }
    }
    return ::rmdir(path.constData()) == 0 ? 0 : errno;
}

UndoResult refused(const JournalEntry &entry, const QString &message)
{
    return UndoResult { false, message, entry };
}

/// Why @p entry's creations cannot be removed now, or empty. (A folder that is no longer
/// empty is found when removed: rmdir says so and what was removed before stays removed.)
QString whyNotUndoCreate(const JournalEntry &entry)
{
    for (const JournalStep &s : entry.steps) {
        struct stat st;
        if (!lstatOf(s.to, &st)) {
            return QCoreApplication::translate("UndoJournal",
                                               "%1 is no longer there: nothing was undone.")
                .arg(repr(s.to));
        }
        if (!sameItem(s, s.to)) {
            return QCoreApplication::translate("UndoJournal",
                                               "%1 is not the item that was made (it was "
                                               "replaced since): nothing was undone.")
                .arg(repr(s.to));
        }
        if (!s.isDir && st.st_size != 0) {
            return QCoreApplication::translate("UndoJournal",
                                               "%1 was written to since it was made: "
                                               "nothing was undone.")
                .arg(repr(s.to));
        }
    }
    return QString();
}

QString whyNotRedoCreate(const JournalEntry &entry)
{
    for (const JournalStep &s : entry.steps) {
        struct stat st;
        if (lstatOf(s.to, &st)) {
            return QCoreApplication::translate("UndoJournal",
                                               "%1 exists now (it appeared since): nothing "
                                               "was replaced, nothing was done.")
                .arg(repr(s.to));
        }
    }
    return QString();
}

UndoResult undoCreate(const JournalEntry &entry)
{
    // Check every item first: all or nothing.
    if (const QString why = whyNotUndoCreate(entry); !why.isEmpty()) {
        return refused(entry, why);
    }
    // Deepest first (os.makedirs records the parents before the children).
    for (auto it = entry.steps.crbegin(); it != entry.steps.crend(); ++it) {
        const QByteArray path = fsEncode(it->to);
        if ((it->isDir ? ::rmdir(path.constData()) : ::unlink(path.constData())) != 0) {
            const int e = errno;
            return refused(entry,
                           osErrorMessage(e, it->to)
                               + (e == ENOTEMPTY ? QCoreApplication::translate(
                                      "UndoJournal", ": it holds what was added since; it was left")
                                                 : QString()));
        }
    }
    return UndoResult { true, QString(), entry };
}

UndoResult redoCreate(const JournalEntry &entry)
{
    if (const QString why = whyNotRedoCreate(entry); !why.isEmpty()) {
        return refused(entry, why);
    }
    JournalEntry done = entry;
    const Os os;
    for (JournalStep &s : done.steps) {
        const FsResult r = s.isDir ? os.mkdir(s.to) : os.createFile(s.to);
        if (!r) {
            return refused(entry, r.message);
        }
        s = UndoJournal::pathStep(QString(), s.to);
    }
    return UndoResult { true, QString(), done };
}

/// Moves that crossed filesystems (shutil.move copied them) cannot be renamed back. For each
/// step of @p steps whose item is on another filesystem than the folder it goes to, the item is
/// copied (links kept, metadata, hard links) to a temporary name in that folder, and the step
/// becomes a rename of that copy (listed in @p temps); the item itself goes to @p leftBehind,
/// to be removed once every rename succeeded. On a failed copy every copy made is removed and
/// the refusal returned.
std::optional<UndoResult> bringAcross(const JournalEntry &entry,
                                      QList<QPair<QString, QString>> &steps,
                                      QStringList *leftBehind, QStringList *temps,
                                      const UndoControl &control)
{
    int counter = 0;
    for (auto &[here, there] : steps) {
        struct stat item;
        struct stat folder;
        const QString dir = posixpath::dirname(there);
        // The folder as rename() reaches it: through links (stat), where the item is itself.
        if (!lstatOf(here, &item)
            || ::stat(fsEncode(dir.isEmpty() ? QStringLiteral(".") : dir).constData(), &folder)
                != 0
            || item.st_dev == folder.st_dev) {
            continue; // same filesystem (or an error the rename reports as Python would)
        }
        const QString temp = (dir.isEmpty() ? QString() : dir + QLatin1Char('/'))
            + QStringLiteral(".stdlab-%1-undo-%2.part").arg(::getpid()).arg(++counter);
        JobRequest request = JobRequest::single(JobKind::Copy, here, temp);
        request.followSymlinks = false;
        request.copyMetadata = true;
        request.keepHardLinks = true;
        request.conflictPolicy = ConflictPolicy::Fail;
        temps->append(temp);
        const JobSummary copied = runJob(request, control.job, control.progress);
        if (!copied.ok()) {
            for (const QString &t : std::as_const(*temps)) {
                removeAll(fsEncode(t));
            }
            if (copied.cancelled) {
                return refused(entry, QCoreApplication::translate(
                                          "UndoJournal",
                                          "Cancelled while copying back: the copies made were "
                                          "removed; nothing was done."));
            }
            return refused(entry,
                           QStringLiteral("shutil.Error: ") + copied.errorString()
                               + QCoreApplication::translate("UndoJournal",
                                                             "; nothing was done."));
        }
        leftBehind->append(here);
        here = temp;
    }
    return std::nullopt;
}

/// Rename steps done (from -> to) are undone (to -> from) or redone, all or nothing, each item
/// checked to be the one the operation moved; items on another filesystem are copied back
/// first (bringAcross).
/// Why @p entry's renames cannot be undone (@p back) or redone now, or empty.
QString whyNotRename(const JournalEntry &entry, bool back)
{
    for (const JournalStep &s : entry.steps) {
        const QString here = back ? s.to : s.from;
        const QString there = back ? s.from : s.to;
        if (!sameItem(s, here)) {
            struct stat st;
            return (lstatOf(here, &st)
                        ? QCoreApplication::translate("UndoJournal",
                                                      "%1 is not the item that was renamed "
                                                      "(it was replaced since)")
                        : QCoreApplication::translate("UndoJournal", "%1 is no longer there"))
                       .arg(repr(here))
                + QCoreApplication::translate("UndoJournal", ": nothing was done.");
        }
        struct stat st;
        const bool freed
            = std::any_of(entry.steps.cbegin(), entry.steps.cend(),
                          [&](const JournalStep &o) { return (back ? o.to : o.from) == there; });
        if (lstatOf(there, &st) && !freed) {
            return QCoreApplication::translate("UndoJournal",
                                               "%1 exists now (it appeared since): nothing "
                                               "was replaced, nothing was done.")
                .arg(repr(there));
        }
    }
    return QString();
}

UndoResult renameSteps(const JournalEntry &entry, bool back, const UndoControl &control)
{
    if (const QString why = whyNotRename(entry, back); !why.isEmpty()) {
        return refused(entry, why);
    }
    QList<QPair<QString, QString>> steps;
    for (const JournalStep &s : entry.steps) {
        steps.append({ back ? s.to : s.from, back ? s.from : s.to });
    }
    JournalEntry done = entry;
    QStringList leftBehind; // the crossing items' old copies, removed once all is in place
    QStringList broughtAcross; // their copies at temporary names, renamed into place below
    if (const std::optional<UndoResult> refusal =
            bringAcross(entry, steps, &leftBehind, &broughtAcross, control)) {
        return *refusal; // nothing was done
    }
    const RenameOutcome r = renameAllOrNothing(steps);
    if (!r.ok) {
        for (const QString &temp : std::as_const(broughtAcross)) {
            removeAll(fsEncode(temp)); // rolled back: the copies were brought for nothing
        }
        return refused(
            entry,
            pythonErrorLine(r.error)
                + (r.rolledBack
                       ? QCoreApplication::translate("UndoJournal", "; nothing was done.")
                       : QCoreApplication::translate("UndoJournal", "; could not put back: ")
                           + r.rollbackFailures.join(QStringLiteral(", "))));
    }
    // Every item is in its place: only now do the originals of the copies go (shutil.move's
    // order: copy, then remove).
    QStringList notRemoved;
    for (const QString &old : std::as_const(leftBehind)) {
        if (const int e = removeAll(fsEncode(old))) {
            notRemoved << osErrorMessage(e, old);
        }
    }
    // An item brought across filesystems is a new inode: the next undo or redo looks for it.
    for (JournalStep &s : done.steps) {
        struct stat st;
        if (lstatOf(back ? s.from : s.to, &st)) {
            s.device = st.st_dev;
            s.inode = st.st_ino;
        }
    }
    return UndoResult { true,
                        notRemoved.isEmpty()
                            ? QString()
                            : QCoreApplication::translate("UndoJournal",
                                                          "Done, but the old copy stays: ")
                                + notRemoved.join(QStringLiteral(", ")),
                        done };
}

/// Why @p entry's copies cannot be removed now, or empty. Without @p readData only what
/// lstat() tells is compared (there, the same inode, a file's size and time): no data is read.
QString whyNotUndoCopy(const JournalEntry &entry, bool readData)
{
    for (const JournalStep &s : entry.steps) {
        JournalStep now;
        struct stat st;
        if (readData) {
            fingerprint(s.to, now);
        } else if (lstatOf(s.to, &st)) {
            now.isDir = S_ISDIR(st.st_mode);
            now.device = st.st_dev;
            now.inode = st.st_ino;
            now.size = S_ISREG(st.st_mode) ? st.st_size : 0;
            now.mtimeNs = qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
            now.hash = s.hash; // not read
        }
        if (now.hash.isEmpty()) {
            return QCoreApplication::translate("UndoJournal",
                                               "%1 is no longer there: nothing was undone.")
                .arg(repr(s.to));
        }
        if (now.device != s.device || now.inode != s.inode) {
            return QCoreApplication::translate("UndoJournal",
                                               "%1 is not the copy that was made (it was "
                                               "replaced since): it was kept.")
                .arg(repr(s.to));
        }
        if (now.hash != s.hash || (!s.isDir && (now.size != s.size || now.mtimeNs != s.mtimeNs))) {
            const QString what = s.isDir
                ? QCoreApplication::translate("UndoJournal",
                                              "something under it changed "
                                              "(added, removed or written)")
                : now.size != s.size
                ? QCoreApplication::translate("UndoJournal", "its size changed (%1 -> %2 bytes)")
                      .arg(s.size)
                      .arg(now.size)
                : now.hash != s.hash
                ? QCoreApplication::translate("UndoJournal",
                                              "its contents changed (BLAKE2b differs)")
                : QCoreApplication::translate("UndoJournal", "its modification time changed");
            return QCoreApplication::translate("UndoJournal",
                                               "%1 changed since it was copied: %2. It was "
                                               "kept; nothing was undone.")
                .arg(repr(s.to), what);
        }
    }
    return QString();
}

UndoResult undoCopy(const JournalEntry &entry)
{
    if (const QString why = whyNotUndoCopy(entry, true); !why.isEmpty()) {
        return refused(entry, why);
    }
    for (auto it = entry.steps.crbegin(); it != entry.steps.crend(); ++it) {
        if (const int e = removeAll(fsEncode(it->to))) {
            return refused(entry, osErrorMessage(e, it->to));
        }
    }
    return UndoResult { true, QString(), entry };
}

QString whyNotUndoTrash(const JournalEntry &entry)
{
    for (const JournalStep &s : entry.steps) {
        struct stat st;
        if (!sameItem(s, s.to)) {
            return QCoreApplication::translate("UndoJournal",
                                               "%1 is no longer in the trash: nothing was "
                                               "undone.")
                .arg(repr(s.from));
        }
        if (lstatOf(s.from, &st)) {
            return QCoreApplication::translate("UndoJournal",
                                               "%1 exists now (it appeared since): nothing "
                                               "was replaced, nothing was undone.")
                .arg(repr(s.from));
        }
    }
    return QString();
}

QString whyNotRedoTrash(const JournalEntry &entry)
{
    for (const JournalStep &s : entry.steps) {
        if (!sameItem(s, s.from)) {
            return QCoreApplication::translate("UndoJournal",
                                               "%1 is not the item that was trashed: nothing "
                                               "was done.")
                .arg(repr(s.from));
        }
    }
    return QString();
}

UndoResult undoTrash(const JournalEntry &entry)
{
    if (const QString why = whyNotUndoTrash(entry); !why.isEmpty()) {
        return refused(entry, why);
    }
    QList<QPair<QString, QString>> steps;
    for (const JournalStep &s : entry.steps) {
        steps.append({ s.to, s.from });
    }
    const RenameOutcome r = renameAllOrNothing(steps);
    if (!r.ok) {
        return refused(entry,
                       pythonErrorLine(r.error)
                           + QCoreApplication::translate("UndoJournal", "; nothing was undone."));
    }
    for (const JournalStep &s : entry.steps) {
        ::unlink(fsEncode(s.info).constData()); // the item is back: its .trashinfo goes
    }
    return UndoResult { true, QString(), entry };
}

UndoResult redoTrash(const JournalEntry &entry)
{
    JournalEntry done = entry;
    if (const QString why = whyNotRedoTrash(entry); !why.isEmpty()) {
        return refused(entry, why);
    }
    for (JournalStep &s : done.steps) {
        const trash::TrashResult r = trash::moveToTrash(s.from);
        if (!r.ok) {
            return refused(entry, r.message);
        }
        s.to = r.trashedPath;
        s.info = r.infoPath;
    }
    return UndoResult { true, QString(), done };
}

} // namespace

UndoJournal::UndoJournal(const QString &file)
    : m_file(file)
{
    reload();
}

QString UndoJournal::defaultFile()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QStringLiteral("/files-journal.json");
}

void UndoJournal::reload()
{
    m_entries.clear();
    QFile f(m_file);
    if (!f.open(QIODevice::ReadOnly)) {
        return;
    }
    const QJsonArray entries = QJsonDocument::fromJson(f.readAll()).array();
    for (const QJsonValue &v : entries) {
        const QJsonObject o = v.toObject();
        const auto kind = kindOf(o.value(QStringLiteral("kind")).toString());
        if (!kind) {
            continue;
        }
        JournalEntry e;
        e.kind = *kind;
        e.id = o.value(QStringLiteral("id")).toInteger();
        e.time = QDateTime::fromString(o.value(QStringLiteral("time")).toString(), Qt::ISODate);
        e.title = o.value(QStringLiteral("title")).toString();
        e.undone = o.value(QStringLiteral("undone")).toBool();
        e.undoneSeq = o.value(QStringLiteral("undone_seq")).toInteger();
        for (const QJsonValue &step : o.value(QStringLiteral("steps")).toArray()) {
            e.steps.append(stepOf(step.toObject()));
        }
        m_entries.append(e);
    }
}

bool UndoJournal::save(QString *error)
{
    QJsonArray entries;
    for (const JournalEntry &e : std::as_const(m_entries)) {
        QJsonArray steps;
        for (const JournalStep &s : e.steps) {
            steps.append(toJson(s));
        }
        QJsonObject o { { QStringLiteral("id"), e.id },
                        { QStringLiteral("kind"), QLatin1String(kindName(e.kind)) },
                        { QStringLiteral("time"), e.time.toString(Qt::ISODateWithMs) },
                        { QStringLiteral("title"), e.title },
                        { QStringLiteral("undone"), e.undone },
                        { QStringLiteral("steps"), steps } };
        if (e.undoneSeq) {
            o.insert(QStringLiteral("undone_seq"), e.undoneSeq);
        }
        entries.append(o);
    }
    QDir().mkpath(QFileInfo(m_file).absolutePath());
    QSaveFile f(m_file); // all or nothing: a crash never leaves half a journal
    if (!f.open(QIODevice::WriteOnly)
        || f.write(QJsonDocument(entries).toJson(QJsonDocument::Indented)) < 0 || !f.commit()) {
        if (error) {
            *error = f.errorString();
        }
        return false;
    }
    return true;
}

std::optional<JournalEntry> UndoJournal::nextUndo() const
{
    for (auto it = m_entries.crbegin(); it != m_entries.crend(); ++it) {
        if (!it->undone) {
            return *it;
        }
    }
    return std::nullopt;
}

std::optional<JournalEntry> UndoJournal::nextRedo() const
{
    // The last one undone (one undone from the history list may be older than the rest);
    // journals written before undoneSeq existed: the first undone, as then.
    std::optional<JournalEntry> next;
    for (const JournalEntry &e : m_entries) {
        if (e.undone && (!next || e.undoneSeq > next->undoneSeq)) {
            next = e;
        }
    }
    return next;
}

void UndoJournal::record(JournalEntry entry)
{
    reload();
    m_entries.erase(std::remove_if(m_entries.begin(), m_entries.end(),
                                   [](const JournalEntry &e) { return e.undone; }),
                    m_entries.end());
    entry.id = m_entries.isEmpty() ? 1 : m_entries.last().id + 1;
    entry.time = QDateTime::currentDateTimeUtc();
    entry.undone = false;
    m_entries.append(entry);
    while (m_entries.size() > kKeep) {
        m_entries.removeFirst();
    }
    save(nullptr);
}

std::optional<JournalEntry> UndoJournal::entry(qint64 id) const
{
    for (const JournalEntry &e : m_entries) {
        if (e.id == id) {
            return e;
        }
    }
    return std::nullopt;
}

QString UndoJournal::whyNot(const JournalEntry &entry, bool redo)
{
    switch (entry.kind) {
    case JournalEntry::Kind::Create:
        return redo ? whyNotRedoCreate(entry) : whyNotUndoCreate(entry);
    case JournalEntry::Kind::Rename:
        return whyNotRename(entry, !redo);
    case JournalEntry::Kind::Copy:
        return redo ? QCoreApplication::translate("UndoJournal",
                                                  "A copy is not redone: copy again.")
                    : whyNotUndoCopy(entry, false);
    case JournalEntry::Kind::Trash:
        return redo ? whyNotRedoTrash(entry) : whyNotUndoTrash(entry);
    }
    return QString();
}

UndoResult UndoJournal::undo(qint64 id, const UndoControl &control)
{
    reload();
    const auto next = id ? entry(id) : nextUndo();
    if (!next || next->undone) {
        return UndoResult { false,
                            !next ? QCoreApplication::translate("UndoJournal", "Nothing to undo.")
                                  : QCoreApplication::translate("UndoJournal",
                                                                "It is undone already."),
                            next && id ? *next : JournalEntry() };
    }
    UndoResult r;
    switch (next->kind) {
    case JournalEntry::Kind::Create:
        r = undoCreate(*next);
        break;
    case JournalEntry::Kind::Rename:
        r = renameSteps(*next, true, control);
        break;
    case JournalEntry::Kind::Copy:
        r = undoCopy(*next);
        break;
    case JournalEntry::Kind::Trash:
        r = undoTrash(*next);
        break;
    }
    if (r.ok) {
        qint64 seq = 0;
        for (const JournalEntry &e : std::as_const(m_entries)) {
            seq = std::max(seq, e.undoneSeq);
        }
        for (JournalEntry &e : m_entries) {
            if (e.id == next->id) {
                e = r.entry; // items brought back across filesystems have new inodes
                e.undone = true;
                e.undoneSeq = seq + 1; // redo takes the last one undone first
            }
        }
        QString error;
        if (!save(&error)) {
            r.message = QCoreApplication::translate("UndoJournal",
                                                    "Undone, but the journal could not be saved: ")
                + error;
        }
    }
    return r;
}

UndoResult UndoJournal::redo(qint64 id, const UndoControl &control)
{
    reload();
    const auto next = id ? entry(id) : nextRedo();
    if (!next || !next->undone) {
        return UndoResult { false,
                            !next ? QCoreApplication::translate("UndoJournal", "Nothing to redo.")
                                  : QCoreApplication::translate("UndoJournal",
                                                                "It is not undone."),
                            next && id ? *next : JournalEntry() };
    }
    UndoResult r;
    switch (next->kind) {
    case JournalEntry::Kind::Create:
        r = redoCreate(*next);
        break;
    case JournalEntry::Kind::Rename:
        r = renameSteps(*next, false, control);
        break;
    case JournalEntry::Kind::Copy:
        r = refused(
            *next, QCoreApplication::translate("UndoJournal", "A copy is not redone: copy again."));
        break;
    case JournalEntry::Kind::Trash:
        r = redoTrash(*next);
        break;
    }
    if (r.ok) {
        for (JournalEntry &e : m_entries) {
            if (e.id == next->id) {
                e = r.entry; // redone creations and trashes have new inodes and trash names
                e.undone = false;
                e.undoneSeq = 0;
            }
        }
        save(nullptr);
    }
    return r;
}

JournalStep UndoJournal::copyStep(const QString &target, const CopiedFiles &copied)
{
    JournalStep s;
    s.to = target;
    fingerprint(target, s, copied);
    return s;
}

JournalStep UndoJournal::pathStep(const QString &from, const QString &to)
{
    JournalStep s;
    s.from = from;
    s.to = to;
    struct stat st;
    if (lstatOf(to, &st)) {
        s.isDir = S_ISDIR(st.st_mode);
        s.device = st.st_dev;
        s.inode = st.st_ino;
    }
    return s;
}

} // namespace stdlab::files
