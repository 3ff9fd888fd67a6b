// The undo journal: each kind of operation undone and redone, also by a new journal object
// reading the same file (a restart); the refusals: an item replaced or written to since, a
// name that appeared since (never replaced), a copy changed since (size, contents, a file added
// under a copied folder); undoing a trash puts the item back from the trash.
#include "files/fileoperations.h"
#include "files/fileworker.h"
#include "files/os.h"
#include "files/trash.h"
#include "files/undojournal.h"
#include "scratchdir.h"

#include <QDir>
#include <QSignalSpy>
#include <QFile>
#include <QtTest>

#include <filesystem>

#include <fcntl.h>
#include <sys/stat.h>

using namespace stdlab::files;

class tst_UndoJournal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void createIsUndoneAndRedoneAfterARestart();
    void createWrittenToSinceIsKept();
    void renamesAreUndoneAllOrNothing();
    void undoNeverReplacesANameThatAppeared();
    void copyIsRemovedOnlyIfUnchanged();
    void trashIsUndoneFromTheTrash();
    void aNewOperationEndsWhatCouldBeRedone();
    void movesAcrossFilesystemsAreUndoneAndRedone();
    void aFailedCopyBackAcrossFilesystemsDoesNothing();
    void aCancelledCopyBackLeavesBothSidesAsTheyWere();
    void undoAndRedoRunAsJobs();
    void aFolderReachedThroughALinkIsOnItsTargetsFilesystem();
    void anyEntryIsUndoneWhenSafeAndSaysWhyNotBeforehand();

private:
    QString path(const QString &name) const { return m_dir->filePath(name); }
    void write(const QString &name, const QByteArray &data);
    QByteArray read(const QString &name) const;
    QString journalFile() const { return m_data->filePath("journal.json"); }

    std::unique_ptr<ScratchDir> m_dir;
    std::unique_ptr<ScratchDir> m_data;
};

void tst_UndoJournal::init()
{
    m_dir = std::make_unique<ScratchDir>();
    m_data = std::make_unique<ScratchDir>();
    QVERIFY(m_dir->isValid() && m_data->isValid());
    // The trash of these tests: $XDG_DATA_HOME/Trash on the same filesystem.
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_data->path()));
}

void tst_UndoJournal::write(const QString &name, const QByteArray &data)
{
    QFile f(path(name));
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(data);
}

QByteArray tst_UndoJournal::read(const QString &name) const
{
    QFile f(path(name));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

void tst_UndoJournal::createIsUndoneAndRedoneAfterARestart()
{
    const Os os;
    QVERIFY(os.makedirs(path("a/b")).ok);
    QVERIFY(os.createFile(path("a/b/new.txt")).ok);
    {
        UndoJournal journal(journalFile());
        JournalEntry e;
        e.kind = JournalEntry::Kind::Create;
        e.title = "os.makedirs('a/b')";
        e.steps = { UndoJournal::pathStep({}, path("a")), UndoJournal::pathStep({}, path("a/b")) };
        journal.record(e);
        e.title = "open('a/b/new.txt', 'x').close()";
        e.steps = { UndoJournal::pathStep({}, path("a/b/new.txt")) };
        journal.record(e);
    }
    UndoJournal restarted(journalFile()); // another process, later
    QCOMPARE(restarted.entries().size(), 2);
    QCOMPARE(restarted.nextUndo()->title, "open('a/b/new.txt', 'x').close()");
    QVERIFY(restarted.undo().ok);
    QVERIFY(!QFileInfo::exists(path("a/b/new.txt")));
    QVERIFY(restarted.undo().ok);
    QVERIFY(!QFileInfo::exists(path("a")));
    QCOMPARE(restarted.undo().message, "Nothing to undo.");
    UndoJournal again(journalFile());
    QCOMPARE(again.nextRedo()->title, "os.makedirs('a/b')");
    QVERIFY(again.redo().ok);
    QVERIFY(QFileInfo(path("a/b")).isDir());
    QVERIFY(again.redo().ok);
    QVERIFY(QFileInfo(path("a/b/new.txt")).isFile());
    QCOMPARE(again.redo().message, "Nothing to redo.");
    // Redone items have new inodes: undo still finds them as its own.
    QVERIFY(again.undo().ok);
    QVERIFY(!QFileInfo::exists(path("a/b/new.txt")));
}

void tst_UndoJournal::createWrittenToSinceIsKept()
{
    const Os os;
    QVERIFY(os.createFile(path("notes.txt")).ok);
    QVERIFY(os.mkdir(path("box")).ok);
    UndoJournal journal(journalFile());
    JournalEntry e;
    e.kind = JournalEntry::Kind::Create;
    e.steps = { UndoJournal::pathStep({}, path("box")) };
    journal.record(e);
    write("box/inside.txt", "kept");
    UndoResult r = journal.undo();
    QVERIFY(!r.ok);
    QCOMPARE(r.message,
             "[Errno 39] Directory not empty: '" + path("box")
                 + "': it holds what was added since; it was left");
    QVERIFY(QFileInfo::exists(path("box/inside.txt")));
    QVERIFY(!journal.nextRedo()); // not undone: still the next undo
    e.steps = { UndoJournal::pathStep({}, path("notes.txt")) };
    journal.record(e);
    write("notes.txt", "written since");
    r = journal.undo();
    QVERIFY(!r.ok);
    QCOMPARE(r.message,
             "'" + path("notes.txt") + "' was written to since it was made: nothing was undone.");
    QCOMPARE(read("notes.txt"), QByteArray("written since"));
}

void tst_UndoJournal::renamesAreUndoneAllOrNothing()
{
    write("a", "A");
    write("b", "B");
    // A swap through the journal's steps: undo swaps back.
    QVERIFY(::rename(QFile::encodeName(path("a")).constData(),
                     QFile::encodeName(path("tmp")).constData())
            == 0);
    QVERIFY(
        ::rename(QFile::encodeName(path("b")).constData(), QFile::encodeName(path("a")).constData())
        == 0);
    QVERIFY(::rename(QFile::encodeName(path("tmp")).constData(),
                     QFile::encodeName(path("b")).constData())
            == 0);
    UndoJournal journal(journalFile());
    JournalEntry e;
    e.kind = JournalEntry::Kind::Rename;
    e.title = "batch rename";
    e.steps = { UndoJournal::pathStep(path("a"), path("b")),
                UndoJournal::pathStep(path("b"), path("a")) };
    journal.record(e);
    QVERIFY(journal.undo().ok);
    QCOMPARE(read("a"), QByteArray("A"));
    QCOMPARE(read("b"), QByteArray("B"));
    QVERIFY(journal.redo().ok);
    QCOMPARE(read("a"), QByteArray("B"));
    // One item replaced since: nothing at all is renamed back.
    write("a.new", "other");
    QVERIFY(::rename(QFile::encodeName(path("a.new")).constData(),
                     QFile::encodeName(path("a")).constData())
            == 0);
    const UndoResult r = journal.undo();
    QVERIFY(!r.ok);
    QCOMPARE(r.message,
             "'" + path("a")
                 + "' is not the item that was renamed (it was replaced since): "
                   "nothing was done.");
    QCOMPARE(read("b"), QByteArray("A"));
    QCOMPARE(read("a"), QByteArray("other"));
}

void tst_UndoJournal::undoNeverReplacesANameThatAppeared()
{
    write("new", "renamed");
    UndoJournal journal(journalFile());
    JournalEntry e;
    e.kind = JournalEntry::Kind::Rename;
    e.steps = { UndoJournal::pathStep(path("old"), path("new")) };
    journal.record(e);
    write("old", "appeared since");
    const UndoResult r = journal.undo();
    QVERIFY(!r.ok);
    QCOMPARE(r.message,
             "'" + path("old")
                 + "' exists now (it appeared since): nothing was replaced, nothing "
                   "was done.");
    QCOMPARE(read("old"), QByteArray("appeared since"));
    QCOMPARE(read("new"), QByteArray("renamed"));
}

void tst_UndoJournal::copyIsRemovedOnlyIfUnchanged()
{
    write("copy.txt", "copied data");
    QVERIFY(QDir().mkpath(path("tree/sub")));
    write("tree/sub/f", "f");
    UndoJournal journal(journalFile());
    JournalEntry e;
    e.kind = JournalEntry::Kind::Copy;
    e.steps = { UndoJournal::copyStep(path("copy.txt")) };
    journal.record(e);
    // Same size, same time, other bytes: the hash tells.
    write("copy.txt", "COPIED DATA");
    const auto steps = journal.entries().last().steps;
    const struct timespec times[2]
        = { { 0, UTIME_OMIT },
            { steps.first().mtimeNs / 1000000000, steps.first().mtimeNs % 1000000000 } };
    QCOMPARE(::utimensat(AT_FDCWD, QFile::encodeName(path("copy.txt")).constData(), times, 0), 0);
    UndoResult r = journal.undo();
    QVERIFY(!r.ok);
    QCOMPARE(r.message,
             "'" + path("copy.txt")
                 + "' changed since it was copied: its contents changed (BLAKE2b "
                   "differs). It was kept; nothing was undone.");
    QVERIFY(QFileInfo::exists(path("copy.txt")));
    write("copy.txt", "longer than it was");
    r = journal.undo();
    QVERIFY(r.message.contains("its size changed (11 -> 18 bytes)"));
    // A copied folder: a file added under it keeps it; as copied, it goes.
    e.steps = { UndoJournal::copyStep(path("tree")) };
    journal.record(e);
    write("tree/sub/added", "x");
    r = journal.undo();
    QVERIFY(!r.ok);
    QVERIFY(r.message.contains("something under it changed"));
    QVERIFY(QFile::remove(path("tree/sub/added")));
    r = journal.undo();
    QVERIFY2(r.ok, qPrintable(r.message));
    QVERIFY(!QFileInfo::exists(path("tree")));
    QCOMPARE(journal.redo().message, "A copy is not redone: copy again.");
}

void tst_UndoJournal::trashIsUndoneFromTheTrash()
{
    write("doc.txt", "precious");
    const trash::TrashResult t = trash::moveToTrash(path("doc.txt"));
    QVERIFY2(t.ok, qPrintable(t.message));
    UndoJournal journal(journalFile());
    JournalEntry e;
    e.kind = JournalEntry::Kind::Trash;
    JournalStep s = UndoJournal::pathStep(path("doc.txt"), t.trashedPath);
    s.info = t.infoPath;
    e.steps = { s };
    journal.record(e);
    QVERIFY(!QFileInfo::exists(path("doc.txt")));
    QVERIFY(journal.undo().ok);
    QCOMPARE(read("doc.txt"), QByteArray("precious"));
    QVERIFY(!QFileInfo::exists(t.trashedPath));
    QVERIFY(!QFileInfo::exists(t.infoPath));
    // Redo trashes it again; a file of that name appearing meanwhile blocks the next undo.
    QVERIFY(UndoJournal(journalFile()).redo().ok);
    QVERIFY(!QFileInfo::exists(path("doc.txt")));
    write("doc.txt", "a new one");
    UndoJournal restarted(journalFile());
    const UndoResult r = restarted.undo();
    QVERIFY(!r.ok);
    QVERIFY(r.message.contains("exists now (it appeared since)"));
    QCOMPARE(read("doc.txt"), QByteArray("a new one"));
    QVERIFY(QFile::remove(path("doc.txt")));
    QVERIFY(restarted.undo().ok);
    QCOMPARE(read("doc.txt"), QByteArray("precious"));
}

void tst_UndoJournal::aNewOperationEndsWhatCouldBeRedone()
{
    const Os os;
    QVERIFY(os.mkdir(path("one")).ok);
    UndoJournal journal(journalFile());
    JournalEntry e;
    e.kind = JournalEntry::Kind::Create;
    e.title = "one";
    e.steps = { UndoJournal::pathStep({}, path("one")) };
    journal.record(e);
    QVERIFY(journal.undo().ok);
    QVERIFY(journal.nextRedo());
    QVERIFY(os.mkdir(path("two")).ok);
    e.title = "two";
    e.steps = { UndoJournal::pathStep({}, path("two")) };
    journal.record(e);
    QVERIFY(!journal.nextRedo());
    QCOMPARE(journal.entries().size(), 1);
    QCOMPARE(journal.nextUndo()->title, "two");
}

QTEST_GUILESS_MAIN(tst_UndoJournal)
namespace {

/// A folder on another filesystem than @p near (tmpfs /dev/shm), or nullptr when there is none.
std::unique_ptr<ScratchDir> otherFilesystem(const QString &near)
{
    struct stat a;
    struct stat b;
    if (::stat("/dev/shm", &b) != 0 || ::stat(QFile::encodeName(near).constData(), &a) != 0
        || a.st_dev == b.st_dev || ::access("/dev/shm", W_OK) != 0) {
        return nullptr;
    }
    auto dir = std::make_unique<ScratchDir>(QStringLiteral("/dev/shm/tst_undojournal-XXXXXX"));
    return dir->isValid() ? std::move(dir) : nullptr;
}

QStringList listing(const QString &dir)
{
    QStringList names;
    for (const auto &e : std::filesystem::recursive_directory_iterator(QFile::encodeName(dir).toStdString())) {
        names << QString::fromStdString(std::filesystem::relative(e.path(), QFile::encodeName(dir).toStdString()).string());
    }
    names.sort();
    return names;
}

/// shutil.move of @p from to @p to through the Files engine, journaled as the CLI does.
void moveAndJournal(UndoJournal &journal, const QStringList &from, const QStringList &to)
{
    JournalEntry e;
    e.kind = JournalEntry::Kind::Rename;
    e.title = QStringLiteral("shutil.move");
    for (qsizetype i = 0; i < from.size(); ++i) {
        JobRequest request = JobRequest::single(JobKind::Move, from.at(i), to.at(i));
        request.durable = false;
        QVERIFY(runJob(request).ok());
        e.steps.append(UndoJournal::pathStep(from.at(i), to.at(i)));
    }
    journal.record(e);
}

} // namespace

void tst_UndoJournal::movesAcrossFilesystemsAreUndoneAndRedone()
{
    // A move to another filesystem (shutil.move copies, then removes) was refused on undo with
    // "[Errno 18] Invalid cross-device link". Undo copies it back, then removes the far copy.
    const auto far = otherFilesystem(m_dir->path());
    if (!far) {
        QSKIP("no second filesystem (/dev/shm) here");
    }
    write("f", "file data");
    QVERIFY(::chmod(QFile::encodeName(path("f")).constData(), 0640) == 0);
    QVERIFY(QDir().mkpath(path("d/sub")));
    write("d/sub/x", "x data");
    QVERIFY(::symlink("sub/x", QFile::encodeName(path("d/link")).constData()) == 0);
    const QStringList before = listing(m_dir->path());
    UndoJournal journal(journalFile());
    moveAndJournal(journal, {path("f"), path("d")}, {far->filePath("f"), far->filePath("d")});
    QCOMPARE(listing(m_dir->path()), QStringList());
    QCOMPARE(listing(far->path()), before);

    UndoResult r = journal.undo();
    QVERIFY2(r.ok, qPrintable(r.message));
    QCOMPARE(r.message, QString());
    QCOMPARE(listing(m_dir->path()), before); // no temporary name left either
    QCOMPARE(listing(far->path()), QStringList());
    QCOMPARE(read("f"), QByteArray("file data"));
    QCOMPARE(read("d/sub/x"), QByteArray("x data"));
    struct stat st;
    QVERIFY(::lstat(QFile::encodeName(path("f")).constData(), &st) == 0);
    QCOMPARE(st.st_mode & 07777, mode_t(0640));
    QVERIFY(::lstat(QFile::encodeName(path("d/link")).constData(), &st) == 0);
    QVERIFY(S_ISLNK(st.st_mode)); // a link stays a link, as shutil.move keeps it

    // Redo goes across again, and a second undo finds the items by their new inodes.
    r = UndoJournal(journalFile()).redo(); // after a restart
    QVERIFY2(r.ok, qPrintable(r.message));
    QCOMPARE(listing(far->path()), before);
    QCOMPARE(listing(m_dir->path()), QStringList());
    r = UndoJournal(journalFile()).undo();
    QVERIFY2(r.ok, qPrintable(r.message));
    QCOMPARE(listing(m_dir->path()), before);
}

void tst_UndoJournal::aCancelledCopyBackLeavesBothSidesAsTheyWere()
{
    // Undo of a move to another filesystem copies back with progress; Cancel after the first
    // item came back removes that copy too: nothing moved, on either side.
    const auto far = otherFilesystem(m_dir->path());
    if (!far) {
        QSKIP("no second filesystem (/dev/shm) here");
    }
    QVERIFY(QDir().mkpath(path("one")));
    QVERIFY(QDir().mkpath(path("two")));
    write("one/a", "A");
    write("two/big", QByteArray(6 << 20, 'x'));
    UndoJournal journal(journalFile());
    moveAndJournal(journal, {path("one/a"), path("two/big")},
                   {far->filePath("a"), far->filePath("big")});
    const QStringList here = listing(m_dir->path());
    const QStringList there = listing(far->path());
    JobControl job;
    QList<JobProgress> reports;
    UndoControl control;
    control.job = &job;
    control.progress = [&](const JobProgress &p) {
        reports << p;
        if (p.bytesTotal == 6 << 20) {
            job.cancel(); // the big one, counted: after the first item was copied back
        }
    };
    UndoResult r = journal.undo(0, control);
    QVERIFY(!r.ok);
    QCOMPARE(r.message, QStringLiteral("Cancelled while copying back: the copies made were "
                                       "removed; nothing was done."));
    QVERIFY(!reports.isEmpty());
    QCOMPARE(listing(m_dir->path()), here); // no copy, no part file
    QCOMPARE(listing(far->path()), there);
    QVERIFY(!journal.entries().last().undone);
    // Without the cancel it is undone, and the progress reached the end.
    job.cancelled = false;
    reports.clear();
    control.progress = [&](const JobProgress &p) { reports << p; };
    r = journal.undo(0, control);
    QVERIFY2(r.ok, qPrintable(r.message));
    QCOMPARE(read("two/big"), QByteArray(6 << 20, 'x'));
    QCOMPARE(listing(far->path()), QStringList());
    QVERIFY(std::any_of(reports.cbegin(), reports.cend(),
                        [](const JobProgress &p) { return p.bytesDone == 6 << 20; }));
}

void tst_UndoJournal::undoAndRedoRunAsJobs()
{
    // The Files tab runs undo and redo as jobs of its operations area: progress while a move
    // across filesystems is copied back, Pause and Cancel, the entry's title at the end.
    const auto far = otherFilesystem(m_dir->path());
    if (!far) {
        QSKIP("no second filesystem (/dev/shm) here");
    }
    write("big", QByteArray(4 << 20, 'y'));
    UndoJournal journal(journalFile());
    moveAndJournal(journal, {path("big")}, {far->filePath("big")});
    FileOperations ops;
    QSignalSpy finished(&ops, &FileOperations::finished);
    QSignalSpy reports(&ops, &FileOperations::progressChanged);
    ops.start(JobRequest::journal(JobKind::Undo, journalFile()));
    QVERIFY(finished.wait(30000));
    JobSummary s = finished.last().at(1).value<JobSummary>();
    QVERIFY2(s.ok(), qPrintable(s.errorString()));
    QCOMPARE(s.journalTitle, journal.entries().last().title);
    QVERIFY(s.journalId > 0);
    QCOMPARE(read("big"), QByteArray(4 << 20, 'y'));
    QVERIFY(std::any_of(reports.cbegin(), reports.cend(), [](const QList<QVariant> &r) {
        return r.at(1).value<JobProgress>().bytesTotal == 4 << 20;
    }));
    ops.start(JobRequest::journal(JobKind::Redo, journalFile()));
    QVERIFY(finished.wait(30000));
    QVERIFY(finished.last().at(1).value<JobSummary>().ok());
    QVERIFY(!QFile::exists(path("big")));
    // Nothing left to redo: said, nothing done.
    ops.start(JobRequest::journal(JobKind::Redo, journalFile()));
    QVERIFY(finished.wait(30000));
    s = finished.last().at(1).value<JobSummary>();
    QCOMPARE(s.journalId, 0);
    QCOMPARE(s.errors.size(), 1);
    QCOMPARE(s.errors.first().message, QStringLiteral("Nothing to redo."));
}

void tst_UndoJournal::aFailedCopyBackAcrossFilesystemsDoesNothing()
{
    // Two items moved across; the folder of the second is gone since: nothing comes back,
    // and the first item's copy is not left behind.
    const auto far = otherFilesystem(m_dir->path());
    if (!far) {
        QSKIP("no second filesystem (/dev/shm) here");
    }
    QVERIFY(QDir().mkpath(path("one")));
    QVERIFY(QDir().mkpath(path("two")));
    write("one/a", "A");
    write("two/b", "B");
    UndoJournal journal(journalFile());
    moveAndJournal(journal, {path("one/a"), path("two/b")},
                   {far->filePath("a"), far->filePath("b")});
    QVERIFY(QDir(path("two")).removeRecursively());
    const UndoResult r = journal.undo();
    QVERIFY(!r.ok);
    QVERIFY2(r.message.endsWith("nothing was done."), qPrintable(r.message));
    QVERIFY2(r.message.contains("No such file or directory"), qPrintable(r.message));
    QCOMPARE(listing(m_dir->path()), QStringList{"one"});
    QCOMPARE(listing(far->path()), (QStringList{"a", "b"}));
}

void tst_UndoJournal::aFolderReachedThroughALinkIsOnItsTargetsFilesystem()
{
    // `stdlab files move shm/a NEW` where shm is a link to a folder on /dev/shm: undo looked at
    // the link's own filesystem (lstat of the folder), renamed, and failed with [Errno 18].
    const auto far = otherFilesystem(m_dir->path());
    if (!far) {
        QSKIP("no second filesystem (/dev/shm) here");
    }
    QVERIFY(QFile::link(far->path(), path("shm")));
    QFile f(far->filePath("a"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write("A"), 1);
    f.close();
    QVERIFY(QDir().mkpath(far->filePath("d/sub")));
    QFile x(far->filePath("d/sub/x"));
    QVERIFY(x.open(QIODevice::WriteOnly));
    QCOMPARE(x.write("X"), 1);
    x.close();
    const QStringList before = listing(far->path());
    UndoJournal journal(journalFile());
    moveAndJournal(journal, {path("shm/a"), path("shm/d")}, {path("NEW"), path("D")});
    QCOMPARE(read("NEW"), QByteArray("A"));
    QCOMPARE(read("D/sub/x"), QByteArray("X"));
    UndoResult r = journal.undo();
    QVERIFY2(r.ok, qPrintable(r.message));
    QCOMPARE(listing(far->path()), before);
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System), QStringList{"shm"});
    r = journal.redo();
    QVERIFY2(r.ok, qPrintable(r.message));
    QCOMPARE(listing(far->path()), QStringList());
    QCOMPARE(read("NEW"), QByteArray("A"));
    QCOMPARE(read("D/sub/x"), QByteArray("X"));
}

void tst_UndoJournal::anyEntryIsUndoneWhenSafeAndSaysWhyNotBeforehand()
{
    // Three operations; the history list undoes the middle one, then the last; redo takes the
    // last one undone first. whyNot() says beforehand what undo() would refuse, acting on nothing.
    UndoJournal journal(journalFile());
    const auto mkdir = [&](const QString &name) {
        QVERIFY(QDir().mkdir(path(name)));
        JournalEntry e;
        e.kind = JournalEntry::Kind::Create;
        e.title = "os.mkdir('" + name + "')";
        e.steps = {UndoJournal::pathStep(QString(), path(name))};
        journal.record(e);
    };
    mkdir("one");
    write("a", "A");
    QVERIFY(QFile::rename(path("a"), path("b")));
    JournalEntry rename;
    rename.kind = JournalEntry::Kind::Rename;
    rename.title = "os.rename('a', 'b')";
    rename.steps = {UndoJournal::pathStep(path("a"), path("b"))};
    journal.record(rename);
    mkdir("three");
    const QList<JournalEntry> entries = journal.entries();
    QCOMPARE(entries.size(), 3);
    for (const JournalEntry &e : entries) {
        QCOMPARE(UndoJournal::whyNot(e, false), QString());
    }
    QCOMPARE(UndoJournal::whyNot(entries.at(0), true),
             "'" + path("one") + "' exists now (it appeared since): nothing was replaced, "
                                 "nothing was done.");
    // A name that appeared where undo would rename back: said beforehand, then refused alike.
    write("a", "new");
    const QString why = UndoJournal::whyNot(entries.at(1), false);
    QCOMPARE(why, "'" + path("a") + "' exists now (it appeared since): nothing was replaced, "
                                    "nothing was done.");
    UndoResult r = journal.undo(entries.at(1).id);
    QVERIFY(!r.ok);
    QCOMPARE(r.message, why);
    QCOMPARE(read("a"), QByteArray("new"));
    QCOMPARE(read("b"), QByteArray("A"));
    QVERIFY(QFile::remove(path("a")));
    // The middle entry, undone while the last stays done.
    r = journal.undo(entries.at(1).id);
    QVERIFY2(r.ok, qPrintable(r.message));
    QCOMPARE(read("a"), QByteArray("A"));
    QVERIFY(QFileInfo(path("three")).isDir());
    r = journal.undo(entries.at(1).id);
    QVERIFY(!r.ok);
    QCOMPARE(r.message, "It is undone already.");
    QCOMPARE(UndoJournal(journalFile()).nextUndo()->id, entries.at(2).id);
    QVERIFY(journal.undo().ok); // Ctrl+Z: the last one done
    QVERIFY(!QFileInfo::exists(path("three")));
    // Redo: the last one undone first ("three"), then the middle one; after a restart too.
    QCOMPARE(UndoJournal(journalFile()).nextRedo()->id, entries.at(2).id);
    QVERIFY(UndoJournal(journalFile()).redo().ok);
    QVERIFY(QFileInfo(path("three")).isDir());
    QCOMPARE(read("a"), QByteArray("A"));
    QVERIFY(UndoJournal(journalFile()).redo().ok);
    QCOMPARE(read("b"), QByteArray("A"));
    r = UndoJournal(journalFile()).redo(entries.at(0).id);
    QVERIFY(!r.ok);
    QCOMPARE(r.message, "It is not undone.");
    // A copy: whyNot reads no data, so a change of contents of the same size and time is
    // found only by the undo itself.
    write("c", "copied");
    JournalEntry copy;
    copy.kind = JournalEntry::Kind::Copy;
    copy.title = "shutil.copy2('x', 'c')";
    copy.steps = {UndoJournal::copyStep(path("c"))};
    journal.record(copy);
    const JournalEntry recorded = UndoJournal(journalFile()).entries().last();
    QCOMPARE(UndoJournal::whyNot(recorded, false), QString());
    QCOMPARE(UndoJournal::whyNot(recorded, true), "A copy is not redone: copy again.");
    write("c", "longer contents");
    QVERIFY2(UndoJournal::whyNot(recorded, false).contains("its size changed (6 -> 15 bytes)"),
             qPrintable(UndoJournal::whyNot(recorded, false)));
}

#include "tst_undojournal.moc"
