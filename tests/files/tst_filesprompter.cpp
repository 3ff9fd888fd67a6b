// The real dialogs behind FilesPrompter, answered by clicking their buttons.
#include "files/filesprompter.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>
#include <QtTest>

#include <functional>

using namespace stdlab::files;

class tst_FilesPrompter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void conflictAnswers_data();
    void conflictAnswers();
    void conflictOnFoldersOffersMerge();
    void confirmAcceptAndCancel();
    void askTextReturnsTheText();
    void copyTargetWithTreeOptions();

private:
    /// Runs @p act on the modal dialog as soon as it is shown (then rejects it if still open).
    void whenModal(std::function<void(QWidget *)> act);
    static QPushButton *button(QWidget *dialog, const QString &text);
};

void tst_FilesPrompter::whenModal(std::function<void(QWidget *)> act)
{
    auto *timer = new QTimer(this);
    timer->setInterval(50);
    connect(timer, &QTimer::timeout, this, [timer, act] {
        QWidget *dialog = QApplication::activeModalWidget();
        if (dialog && dialog->isVisible()) {
            timer->stop();
            timer->deleteLater();
            act(dialog);
            // A failed check inside act() returns early: never leave a modal dialog hanging.
            if (auto *d = qobject_cast<QDialog *>(dialog); d && d->isVisible()) {
                d->reject();
            }
        }
    });
    timer->start();
}

QPushButton *tst_FilesPrompter::button(QWidget *dialog, const QString &text)
{
    for (QPushButton *b : dialog->findChildren<QPushButton *>()) {
        if (b->text().remove(QLatin1Char('&')) == text) {
            return b;
        }
    }
    return nullptr;
}

static ConflictInfo fileConflict()
{
    ConflictInfo c;
    c.source = QStringLiteral("/src/a.txt");
    c.target = QStringLiteral("/dst/a.txt");
    c.sourceSize = 10;
    c.targetSize = 20;
    c.sourceModified = QDateTime::currentDateTime();
    c.targetModified = QDateTime::currentDateTime().addDays(-1);
    c.suggestedName = QStringLiteral("a (2).txt");
    return c;
}

void tst_FilesPrompter::conflictAnswers_data()
{
    QTest::addColumn<QString>("buttonText");
    QTest::addColumn<bool>("all");
    QTest::addColumn<QString>("typedName");
    QTest::addColumn<int>("action");
    QTest::addColumn<bool>("applyToAll");
    QTest::addColumn<QString>("newName");
    QTest::newRow("overwrite once") << "Overwrite" << false << "" << int(ConflictAction::Overwrite)
                                    << false << "";
    QTest::newRow("skip all") << "Skip" << true << "" << int(ConflictAction::Skip) << true << "";
    QTest::newRow("rename to a typed name")
        << "Rename" << false << "b.txt" << int(ConflictAction::Rename) << false << "b.txt";
    QTest::newRow("rename all uses automatic names")
        << "Rename" << true << "b.txt" << int(ConflictAction::Rename) << true << "";
    QTest::newRow("cancel stops the job") << "Cancel" << true << "" << int(ConflictAction::Cancel)
                                          << false << "";
}

void tst_FilesPrompter::conflictAnswers()
{
    QFETCH(QString, buttonText);
    QFETCH(bool, all);
    QFETCH(QString, typedName);
    QFETCH(int, action);
    QFETCH(bool, applyToAll);
    QFETCH(QString, newName);
    bool clicked = false;
    whenModal([&](QWidget *dialog) {
        QCOMPARE(dialog->windowTitle(), QStringLiteral("File Already Exists"));
        if (!typedName.isEmpty()) {
            auto *edit = dialog->findChild<QLineEdit *>();
            QCOMPARE(edit->text(), QStringLiteral("a (2).txt"));
            edit->setText(typedName);
        }
        dialog->findChild<QCheckBox *>()->setChecked(all);
        QPushButton *b = button(dialog, buttonText);
        QVERIFY(b);
        clicked = true;
        b->click();
    });
    DialogPrompter prompter;
    const ConflictResolution r = prompter.askConflict(nullptr, fileConflict());
    QVERIFY(clicked);
    QCOMPARE(int(r.action), action);
    QCOMPARE(r.applyToAll, applyToAll);
    QCOMPARE(r.newName, newName);
}

void tst_FilesPrompter::conflictOnFoldersOffersMerge()
{
    ConflictInfo c = fileConflict();
    c.sourceIsDir = c.targetIsDir = true;
    whenModal([&](QWidget *dialog) {
        QVERIFY(!button(dialog, QStringLiteral("Overwrite")));
        button(dialog, QStringLiteral("Merge"))->click();
    });
    DialogPrompter prompter;
    QCOMPARE(int(prompter.askConflict(nullptr, c).action), int(ConflictAction::Overwrite));
}

void tst_FilesPrompter::confirmAcceptAndCancel()
{
    DialogPrompter prompter;
    whenModal([&](QWidget *dialog) { button(dialog, QStringLiteral("Delete"))->click(); });
    QVERIFY(prompter.confirm(nullptr, QStringLiteral("T"), QStringLiteral("Sure?"),
                             QStringLiteral("Delete")));
    whenModal([&](QWidget *dialog) { button(dialog, QStringLiteral("Cancel"))->click(); });
    QVERIFY(!prompter.confirm(nullptr, QStringLiteral("T"), QStringLiteral("Sure?"),
                              QStringLiteral("Delete")));
}

void tst_FilesPrompter::askTextReturnsTheText()
{
    DialogPrompter prompter;
    QString shown;
    QString selected;
    whenModal([&](QWidget *dialog) {
        auto *edit = dialog->findChild<QLineEdit *>();
        shown = edit->text();
        selected = edit->selectedText();
        edit->setText(QStringLiteral("imagen.png"));
        static_cast<QDialog *>(dialog)->accept();
    });
    QCOMPARE(prompter.askText(nullptr, QStringLiteral("Rename"), QStringLiteral("New name:"),
                              QStringLiteral("foto.png")),
             std::optional<QString>(QStringLiteral("imagen.png")));
    QCOMPARE(shown, QStringLiteral("foto.png"));
    QCOMPARE(selected, QStringLiteral("foto")); // the name without its extension
    whenModal([&](QWidget *dialog) { static_cast<QDialog *>(dialog)->reject(); });
    QVERIFY(!prompter.askText(nullptr, QStringLiteral("Rename"), QString(), QStringLiteral("x")));
}

void tst_FilesPrompter::copyTargetWithTreeOptions()
{
    DialogPrompter prompter;
    whenModal([&](QWidget *dialog) {
        dialog->findChild<QLineEdit *>()->setText(QStringLiteral("copia/fotos"));
        const QList<QCheckBox *> boxes = dialog->findChildren<QCheckBox *>();
        QCOMPARE(boxes.size(), 4);
        boxes.at(1)->setChecked(true); // dirs_exist_ok
        QVERIFY(!boxes.at(2)->isChecked()); // hard links: separate files, as shutil does
        QCOMPARE(boxes.at(2)->objectName(), QStringLiteral("keepHardLinks"));
        boxes.at(2)->setChecked(true);
        QCOMPARE(boxes.at(3)->objectName(), QStringLiteral("verify"));
        QVERIFY(!boxes.at(3)->isChecked());
        boxes.at(3)->setChecked(true);
        static_cast<QDialog *>(dialog)->accept();
    });
    const auto target = prompter.askCopyTarget(nullptr, QStringLiteral("shutil.copytree"),
                                               QStringLiteral("fotos"), true);
    QVERIFY(target);
    QCOMPARE(target->path, QStringLiteral("copia/fotos"));
    QVERIFY(!target->followSymlinks);
    QVERIFY(target->dirsExistOk);
    QVERIFY(target->keepHardLinks);
    QVERIFY(target->verify);
    // A file's copy (shutil.copy2) offers only Verify.
    whenModal([&](QWidget *dialog) {
        const QList<QCheckBox *> boxes = dialog->findChildren<QCheckBox *>();
        QCOMPARE(boxes.size(), 4);
        for (QCheckBox *box : boxes) {
            QCOMPARE(box->isVisibleTo(dialog), box->objectName() == QLatin1String("verify"));
        }
        static_cast<QDialog *>(dialog)->accept();
    });
    QVERIFY(prompter.askCopyTarget(nullptr, QStringLiteral("shutil.copy2"), QStringLiteral("a"),
                                   false));
}

QTEST_MAIN(tst_FilesPrompter)
#include "tst_filesprompter.moc"
