// The Files tab's action table: names, shortcuts, menus, and the enable rules on selections.
#include "files/filesactions.h"

#include <QAction>
#include <QMenu>
#include <QSet>
#include <QWidget>
#include <QtTest>

using Id = FilesActions::Id;
using State = FilesActions::State;

Q_DECLARE_METATYPE(FilesActions::State)

namespace {

/// The actions whose state depends on the selection.
const QList<Id> kBySelection = {
    Id::Open,   Id::Rename, Id::Getsize,     Id::MakeArchive, Id::Unpack,    Id::Trash,
    Id::Delete, Id::Remove, Id::Copy,        Id::Cut,         Id::CopyTo,    Id::MoveTo,
    Id::DiskUsage, Id::BatchRename, Id::Checksums, Id::Rmdir, Id::Removedirs, Id::Rmtree,
};

QStringList names(const QList<Id> &ids)
{
    QStringList list;
    for (Id id : ids) {
        list << FilesActions::objectName(id);
    }
    return list;
}

State selection(int selected, int folders)
{
    State s;
    s.selected = selected;
    s.selectedFolders = folders;
    return s;
}

} // namespace

class tst_FilesActions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyActionHasAUniqueNameAndItsOwnShortcut();
    void enableRulesFollowTheSelection_data();
    void enableRulesFollowTheSelection();
    void navigationClipboardAndTemporaryItemsFollowTheTab();
    void updateAppliesTheRules();
    void contextMenuOfAnItemAndOfTheEmptyArea();
    void menusHoldEveryOsAndShutilCall();
};

void tst_FilesActions::everyActionHasAUniqueNameAndItsOwnShortcut()
{
    QWidget owner;
    FilesActions actions(&owner);
    QSet<QString> seenNames;
    QHash<QString, QString> seenKeys;
    for (int i = 0; i < FilesActions::kCount; ++i) {
        QAction *a = actions.action(Id(i));
        QVERIFY2(a, qPrintable(QString::number(i)));
        QCOMPARE(a->objectName(), FilesActions::objectName(Id(i)));
        QVERIFY2(!seenNames.contains(a->objectName()), qPrintable(a->objectName()));
        seenNames << a->objectName();
        QVERIFY2(!a->text().isEmpty(), qPrintable(a->objectName()));
        QVERIFY(owner.actions().contains(a)); // its shortcut serves the panel's children
        QCOMPARE(owner.findChild<QAction *>(a->objectName()), a);
        if (!a->shortcut().isEmpty()) {
            QCOMPARE(a->shortcutContext(), Qt::WidgetWithChildrenShortcut);
            const QString key = a->shortcut().toString();
            QVERIFY2(!seenKeys.contains(key),
                     qPrintable(key + " " + seenKeys.value(key) + " " + a->objectName()));
            seenKeys.insert(key, a->objectName());
            QVERIFY2(a->toolTip().contains(a->shortcut().toString(QKeySequence::NativeText)),
                     qPrintable(a->toolTip()));
        }
    }
    QCOMPARE(seenKeys.value(QStringLiteral("Ctrl+Z")), QStringLiteral("actionUndo"));
    QCOMPARE(seenKeys.value(QStringLiteral("Del")), QStringLiteral("actionTrash"));
    QCOMPARE(seenKeys.value(QStringLiteral("Shift+Del")), QStringLiteral("actionDelete"));
    QVERIFY(actions.action(Id::ShowHidden)->isCheckable());
    // Backspace goes back too, as in other file managers.
    QSignalSpy back(&actions, &FilesActions::backRequested);
    owner.findChild<QAction *>(QStringLiteral("actionBackspace"))->trigger();
    QCOMPARE(back.count(), 1);
}

void tst_FilesActions::enableRulesFollowTheSelection_data()
{
    QTest::addColumn<State>("state");
    QTest::addColumn<QList<Id>>("enabled"); // of kBySelection

    const QList<Id> anything = {Id::Trash,  Id::Delete, Id::Remove,    Id::Copy,
                                Id::Cut,    Id::CopyTo, Id::MoveTo,    Id::DiskUsage,
                                Id::BatchRename};
    QTest::newRow("nothing selected") << selection(0, 0) << QList<Id>{};
    QTest::newRow("one file")
        << selection(1, 0)
        << anything + QList<Id>{Id::Open, Id::Rename, Id::Getsize, Id::MakeArchive, Id::Unpack,
                                Id::Checksums};
    QTest::newRow("one folder")
        << selection(1, 1)
        << anything + QList<Id>{Id::Open, Id::Rename, Id::Getsize, Id::MakeArchive, Id::Rmdir,
                                Id::Removedirs, Id::Rmtree};
    QTest::newRow("many files") << selection(3, 0) << anything + QList<Id>{Id::Checksums};
    QTest::newRow("files and folders") << selection(3, 2) << anything + QList<Id>{Id::Checksums};
    // Checksums are of files: with folders alone it could only refuse.
    QTest::newRow("only folders") << selection(2, 2) << anything;
}

void tst_FilesActions::enableRulesFollowTheSelection()
{
    QFETCH(State, state);
    QFETCH(QList<Id>, enabled);
    const FilesActions::Enabled on = FilesActions::rulesFor(state);
    QList<Id> got;
    for (Id id : kBySelection) {
        if (on.at(std::size_t(id))) {
            got << id;
        }
    }
    QStringList expected = names(enabled);
    expected.sort();
    QStringList actual = names(got);
    actual.sort();
    QCOMPARE(actual, expected);
    // The rest does not depend on the selection.
    for (Id id : {Id::Home, Id::Refresh, Id::NewFolder, Id::NewFile, Id::MakeDirs, Id::Listdir,
                  Id::Undo, Id::Redo, Id::History, Id::TempFile, Id::TempDir, Id::ShowHidden,
                  Id::Filter, Id::EditLocation}) {
        QVERIFY2(on.at(std::size_t(id)), qPrintable(FilesActions::objectName(id)));
    }
}

void tst_FilesActions::navigationClipboardAndTemporaryItemsFollowTheTab()
{
    State s;
    FilesActions::Enabled on = FilesActions::rulesFor(s);
    for (Id id : {Id::Back, Id::Forward, Id::Up, Id::Paste, Id::RemoveTemp}) {
        QVERIFY2(!on.at(std::size_t(id)), qPrintable(FilesActions::objectName(id)));
    }
    s.canGoBack = true;
    on = FilesActions::rulesFor(s);
    QVERIFY(on.at(std::size_t(Id::Back)) && !on.at(std::size_t(Id::Forward)));
    s.canGoForward = true;
    s.canGoUp = true;
    s.clipboardHasPaths = true;
    s.hasTemporaryItems = true;
    on = FilesActions::rulesFor(s);
    for (Id id : {Id::Back, Id::Forward, Id::Up, Id::Paste, Id::RemoveTemp}) {
        QVERIFY2(on.at(std::size_t(id)), qPrintable(FilesActions::objectName(id)));
    }
}

void tst_FilesActions::updateAppliesTheRules()
{
    QWidget owner;
    FilesActions actions(&owner);
    actions.update(selection(1, 1));
    QVERIFY(actions.action(Id::Rmtree)->isEnabled());
    QVERIFY(!actions.action(Id::Unpack)->isEnabled());
    QVERIFY(!actions.action(Id::Paste)->isEnabled());
    actions.update(selection(0, 0));
    QVERIFY(!actions.action(Id::Rmtree)->isEnabled());
    QVERIFY(!actions.action(Id::Trash)->isEnabled());
    QVERIFY(actions.action(Id::NewFolder)->isEnabled());
}

void tst_FilesActions::contextMenuOfAnItemAndOfTheEmptyArea()
{
    QWidget owner;
    FilesActions actions(&owner);
    const auto entries = [&](bool onItem) {
        QMenu menu;
        actions.fillContextMenu(&menu, onItem);
        QStringList list;
        for (QAction *a : menu.actions()) {
            list << (a->isSeparator() ? QStringLiteral("-")
                     : a->menu()   ? a->menu()->title()
                                   : a->objectName());
        }
        return list.join(QLatin1Char(' '));
    };
    QCOMPARE(entries(true),
             QStringLiteral("actionOpen - actionNewFolder actionNewFile - actionUndo actionRedo "
                            "actionHistory - actionCut actionCopy actionPaste - actionRename "
                            "actionBatchRename actionCopyTo actionMoveTo - actionTrash "
                            "actionDelete - actionDiskUsage actionChecksums actionMakeArchive "
                            "actionUnpack - os shutil"));
    QCOMPARE(entries(false),
             QStringLiteral("actionNewFolder actionNewFile - actionUndo actionRedo actionHistory "
                            "- actionPaste - os shutil"));
}

void tst_FilesActions::menusHoldEveryOsAndShutilCall()
{
    QWidget owner;
    FilesActions actions(&owner);
    QStringList os;
    for (QAction *a : actions.osMenu()->actions()) {
        os << a->objectName();
    }
    QCOMPARE(os, names({Id::NewFolder, Id::MakeDirs, Id::MakeDirsExistOk, Id::NewFile,
                        Id::Listdir, Id::Getsize, Id::Rename, Id::BatchRename, Id::Remove,
                        Id::Rmdir, Id::Removedirs}));
    QStringList shutil;
    QStringList tempfile;
    for (QAction *a : actions.shutilMenu()->actions()) {
        if (a->menu()) {
            QCOMPARE(a->menu()->title(), QStringLiteral("tempfile"));
            for (QAction *t : a->menu()->actions()) {
                tempfile << t->objectName();
            }
        } else if (!a->isSeparator()) {
            shutil << a->objectName();
        }
    }
    QCOMPARE(shutil, names({Id::CopyTo, Id::MoveTo, Id::Rmtree, Id::DiskUsage, Id::MakeArchive,
                            Id::Unpack}));
    QCOMPARE(tempfile, names({Id::TempFile, Id::TempDir, Id::RemoveTemp}));
}

QTEST_MAIN(tst_FilesActions)
#include "tst_filesactions.moc"
