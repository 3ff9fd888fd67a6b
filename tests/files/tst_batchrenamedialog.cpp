// The batch rename dialog: the preview follows what is typed (after a short pause), flags
// what cannot be done and enables Rename only when every name can be used; its Python code,
// run by python3 on a copy of the folder, renames the same files to the same names.
#include "files/batchrenamedialog.h"
#include "localization.h"
#include "scratchdir.h"
#include "stdlabprocess.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QtTest>

class tst_BatchRenameDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void previewFollowsTyping();
    void renameIsEnabledOnlyWhenEveryNameCanBeUsed();
    void itsPythonRenamesTheSame();

private:
    QString path(const QString &name) const { return m_dir->filePath(name); }
    void touch(const QString &name);
    QStringList column(int c) const;
    QPushButton *renameButton() const;

    std::unique_ptr<ScratchDir> m_dir;
    std::unique_ptr<BatchRenameDialog> m_dialog;
};

void tst_BatchRenameDialog::initTestCase()
{
    // As the app does for an English UI: "%n file(s)" reads "1 file".
    QVERIFY(stdlab::installTranslations(qApp, QStringLiteral("en")));
}

void tst_BatchRenameDialog::init()
{
    m_dir = std::make_unique<ScratchDir>();
    QVERIFY(m_dir->isValid());
    for (const QString f : {"IMG_1.jpg", "img_22.JPG", "notes.txt", "photo-1.jpg"}) {
        touch(f);
    }
    m_dialog = std::make_unique<BatchRenameDialog>(
        m_dir->path(), QStringList{"IMG_1.jpg", "img_22.JPG", "notes.txt"});
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
}

void tst_BatchRenameDialog::touch(const QString &name)
{
    QFile f(path(name));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(name.toUtf8());
}

QStringList tst_BatchRenameDialog::column(int c) const
{
    auto *table = m_dialog->findChild<QTableWidget *>("previewTable");
    QStringList cells;
    for (int row = 0; row < table->rowCount(); ++row) {
        cells << table->item(row, c)->text();
    }
    return cells;
}

QPushButton *tst_BatchRenameDialog::renameButton() const
{
    return m_dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
}

void tst_BatchRenameDialog::previewFollowsTyping()
{
    QCOMPARE(column(0), (QStringList{"IMG_1.jpg", "img_22.JPG", "notes.txt"}));
    QCOMPARE(column(1), column(0));
    QVERIFY(!renameButton()->isEnabled());
    QSignalSpy updated(m_dialog.get(), &BatchRenameDialog::previewUpdated);
    auto *pattern = m_dialog->findChild<QLineEdit *>("patternEdit");
    auto *replacement = m_dialog->findChild<QLineEdit *>("replacementEdit");
    QTest::keyClicks(pattern, R"(^IMG_(\d+)\.jpg$)");
    QTest::keyClicks(replacement, R"(p\1.jpg)");
    QVERIFY(updated.wait(2000));
    QCOMPARE(updated.count(), 1); // typing is not previewed key by key
    QCOMPARE(column(1), (QStringList{"p1.jpg", "img_22.JPG", "notes.txt"}));
    QCOMPARE(column(2), (QStringList{"", "unchanged", "unchanged"}));
    QCOMPARE(m_dialog->findChild<QLabel *>("summaryLabel")->text(), "1 file to rename");
    m_dialog->findChild<QCheckBox *>("ignoreCaseBox")->setChecked(true);
    QVERIFY(updated.wait(2000));
    QCOMPARE(column(1), (QStringList{"p1.jpg", "p22.jpg", "notes.txt"}));
    QCOMPARE(m_dialog->request().flags, 2);
    QVERIFY(renameButton()->isEnabled());
    const QString code = m_dialog->findChild<QPlainTextEdit *>("codeView")->toPlainText();
    QCOMPARE(code, m_dialog->pythonCode());
    QVERIFY(code.contains(R"(new = re.sub(r"^IMG_(\d+)\.jpg$", r"p\1.jpg", name, )"
                          "flags=re.IGNORECASE)"));
    // A pattern error is re's, and nothing can be renamed.
    pattern->setText("(");
    QVERIFY(updated.wait(2000));
    QCOMPARE(m_dialog->findChild<QLabel *>("summaryLabel")->text(),
             "re.error: missing ), unterminated subpattern at position 0");
    QVERIFY(!renameButton()->isEnabled());
}

void tst_BatchRenameDialog::renameIsEnabledOnlyWhenEveryNameCanBeUsed()
{
    // IMG_1.jpg -> photo-1.jpg, a name a file that stays has.
    m_dialog->setRequest({R"(^IMG_(\d))", R"(photo-\1)", 0});
    QCOMPARE(column(1), (QStringList{"photo-1.jpg", "img_22.JPG", "notes.txt"}));
    QCOMPARE(column(2).first(), "collision: a file that is not renamed has this name");
    QVERIFY(!renameButton()->isEnabled());
    QCOMPARE(m_dialog->findChild<QLabel *>("summaryLabel")->text(),
             "1 file to rename; 1 name cannot be used: nothing will be renamed");
    // Both photos become the same name.
    m_dialog->setRequest({R"(^img_\d+\.jpg$)", "same", 2});
    QCOMPARE(column(2), (QStringList{"collision: another file gets or keeps this name",
                                     "collision: another file gets or keeps this name",
                                     "unchanged"}));
    QVERIFY(!renameButton()->isEnabled());
    // An invalid name, then a case-only rename (flagged, allowed).
    m_dialog->setRequest({"notes", "a/b", 0});
    QVERIFY(column(2).last().startsWith("not a valid name"));
    QVERIFY(!renameButton()->isEnabled());
    m_dialog->setRequest({"notes", "NOTES", 0});
    QCOMPARE(column(2).last(), "case only: the same name on Windows, macOS and FAT drives");
    QVERIFY(renameButton()->isEnabled());
}

void tst_BatchRenameDialog::itsPythonRenamesTheSame()
{
    m_dialog->setRequest({R"(^img_(\d+)\.jpg$)", R"(pic-\1.jpg)", 2});
    QVERIFY(m_dialog->plan().canApply());
    // python3 runs the code shown on a twin folder (the code does os.chdir(folder) itself).
    ScratchDir twin;
    for (const QString f : {"IMG_1.jpg", "img_22.JPG", "notes.txt", "photo-1.jpg"}) {
        QVERIFY(QFile::copy(path(f), twin.filePath(f)));
    }
    QString code = m_dialog->pythonCode();
    code.replace(m_dir->path(), twin.path());
    const ProcessResult py = runProcess({"-c", code}, {}, 30000, "python3");
    QCOMPARE(py.exitCode, 0);
    QCOMPARE(QString::fromUtf8(py.out), "'IMG_1.jpg' -> 'pic-1.jpg'\n'img_22.JPG' -> 'pic-22.jpg'\n");
    QVERIFY(stdlab::files::applyRenames(m_dialog->plan()).ok);
    const auto entries = [](const QString &dir) {
        return QDir(dir).entryList(QDir::Files | QDir::Hidden, QDir::Name);
    };
    QCOMPARE(entries(m_dir->path()), entries(twin.path()));
    QCOMPARE(entries(twin.path()),
             (QStringList{"notes.txt", "photo-1.jpg", "pic-1.jpg", "pic-22.jpg"}));
}

QTEST_MAIN(tst_BatchRenameDialog)
#include "tst_batchrenamedialog.moc"
