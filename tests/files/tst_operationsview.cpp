// The Files tab's operations area: a long job's row can be paused (nothing is written, the
// status says so) and resumed to the end; a job started while another runs waits as "queued"
// and Cancel ends it before it starts; in Spanish too.
#include "files/fileoperations.h"
#include "files/operationsview.h"
#include "localization.h"
#include "scratchdir.h"

#include <QApplication>
#include <QDirIterator>
#include <QFile>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QtTest>

using namespace stdlab::files;

class tst_OperationsView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void pauseAndResumeARunningCopy();
    void aQueuedJobWaitsAndIsCancelledBeforeItStarts();
    void spanishStrings();

private:
    QString path(const QString &name) const { return m_dir->filePath(name); }
    QByteArray writeBig(const QString &name, qsizetype size);
    QPushButton *button(int jobId, const char *name) const;

    std::unique_ptr<ScratchDir> m_dir;
    std::unique_ptr<FileOperations> m_ops;
    std::unique_ptr<OperationsView> m_view;
};

void tst_OperationsView::initTestCase()
{
    QVERIFY(stdlab::installTranslations(qApp, QStringLiteral("en")));
}

void tst_OperationsView::init()
{
    m_dir = std::make_unique<ScratchDir>();
    QVERIFY(m_dir->isValid());
    m_ops = std::make_unique<FileOperations>();
    m_ops->setQueueing(true);
    m_view = std::make_unique<OperationsView>(m_ops.get());
    m_view->resize(600, 400);
    m_view->show();
}

void tst_OperationsView::cleanup()
{
    m_view.reset();
    m_ops.reset();
    m_dir.reset();
}

QByteArray tst_OperationsView::writeBig(const QString &name, qsizetype size)
{
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator rng(7);
    rng.fillRange(reinterpret_cast<quint32 *>(data.data()), size / 4);
    QFile f(path(name));
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != size) {
        return QByteArray();
    }
    return data;
}

QPushButton *tst_OperationsView::button(int jobId, const char *name) const
{
    QWidget *row = m_view->findChild<QWidget *>(QStringLiteral("job%1").arg(jobId));
    return row ? row->findChild<QPushButton *>(QLatin1String(name)) : nullptr;
}

void tst_OperationsView::pauseAndResumeARunningCopy()
{
    const qsizetype size = 4 << 20;
    const QByteArray data = writeBig("big.bin", size);
    QVERIFY(!data.isEmpty());
    JobRequest r = JobRequest::single(JobKind::Copy, path("big.bin"), path("copy.bin"));
    r.bytesPerSecondLimit = size; // about 1 s
    QSignalSpy finished(m_ops.get(), &FileOperations::finished);
    QSignalSpy reports(m_ops.get(), &FileOperations::progressChanged);
    const int id = m_ops->start(r);
    QTRY_VERIFY_WITH_TIMEOUT(
        !reports.isEmpty() && reports.last().at(1).value<JobProgress>().bytesDone > 0, 10000);
    QPushButton *pause = button(id, "pauseJobButton");
    QVERIFY(pause && pause->isVisible());
    QCOMPARE(pause->text(), QStringLiteral("Pause"));
    pause->click();
    QVERIFY(m_ops->isPaused(id));
    QCOMPARE(pause->text(), QStringLiteral("Resume"));
    QVERIFY2(m_view->statusText(id).startsWith("Paused: nothing is written until Resume. 0 of 1 "
                                                "file · "),
             qPrintable(m_view->statusText(id)));
    // No speed or time left while nothing moves (they were the last ones measured).
    QVERIFY2(!m_view->statusText(id).contains("/s") && !m_view->statusText(id).contains("left"),
             qPrintable(m_view->statusText(id)));
    QTest::qWait(1500); // longer than the whole copy would take
    QCOMPARE(finished.size(), 0);
    pause->click();
    QVERIFY(!m_ops->isPaused(id));
    QCOMPARE(pause->text(), QStringLiteral("Pause"));
    QVERIFY(finished.wait(20000));
    QVERIFY2(m_view->statusText(id).startsWith("Done: 1 file"), qPrintable(m_view->statusText(id)));
    QVERIFY(!pause->isVisible());
    QFile copy(path("copy.bin"));
    QVERIFY(copy.open(QIODevice::ReadOnly));
    QCOMPARE(copy.readAll(), data);
}

void tst_OperationsView::aQueuedJobWaitsAndIsCancelledBeforeItStarts()
{
    const qsizetype size = 4 << 20;
    QVERIFY(!writeBig("big.bin", size).isEmpty());
    JobRequest slow = JobRequest::single(JobKind::Copy, path("big.bin"), path("a.bin"));
    slow.bytesPerSecondLimit = size; // about 1 s
    QSignalSpy finished(m_ops.get(), &FileOperations::finished);
    const int a = m_ops->start(slow);
    const int b = m_ops->start(JobRequest::single(JobKind::Copy, path("big.bin"), path("b.bin")));
    const int c = m_ops->start(JobRequest::single(JobKind::Copy, path("big.bin"), path("c.bin")));
    QCOMPARE(m_view->jobCount(), 3);
    QCOMPARE(m_view->statusText(b), QStringLiteral("Queued: starts when the operation before it "
                                                   "ends."));
    QVERIFY(!button(b, "pauseJobButton")->isVisible());
    button(b, "cancelJobButton")->click();
    QTRY_COMPARE(m_view->statusText(b), QStringLiteral("Cancelled before it started: nothing was "
                                                       "done."));
    QTRY_VERIFY_WITH_TIMEOUT(finished.size() == 3, 30000);
    QVERIFY2(m_view->statusText(a).startsWith("Done"), qPrintable(m_view->statusText(a)));
    QVERIFY2(m_view->statusText(c).startsWith("Done"), qPrintable(m_view->statusText(c)));
    QVERIFY(QFile::exists(path("a.bin")) && QFile::exists(path("c.bin")));
    QVERIFY(!QFile::exists(path("b.bin")));
}

void tst_OperationsView::spanishStrings()
{
    QVERIFY(stdlab::installTranslations(qApp, QStringLiteral("es")));
    m_view = std::make_unique<OperationsView>(m_ops.get());
    m_view->show();
    const qsizetype size = 4 << 20;
    QVERIFY(!writeBig("big.bin", size).isEmpty());
    JobRequest slow = JobRequest::single(JobKind::Copy, path("big.bin"), path("a.bin"));
    slow.bytesPerSecondLimit = size;
    QSignalSpy finished(m_ops.get(), &FileOperations::finished);
    const int a = m_ops->start(slow);
    const int b = m_ops->start(JobRequest::single(JobKind::Copy, path("big.bin"), path("b.bin")));
    QCOMPARE(button(a, "pauseJobButton")->text(), QStringLiteral("Pausar"));
    button(a, "pauseJobButton")->click();
    QCOMPARE(button(a, "pauseJobButton")->text(), QStringLiteral("Reanudar"));
    QVERIFY2(m_view->statusText(a).startsWith("En pausa: no se escribe nada hasta Reanudar."),
             qPrintable(m_view->statusText(a)));
    QCOMPARE(m_view->statusText(b), QStringLiteral("En cola: empieza cuando termine la operación "
                                                   "anterior."));
    m_ops->cancelAll();
    QTRY_VERIFY_WITH_TIMEOUT(finished.size() == 2, 10000);
    QCOMPARE(m_view->statusText(b), QStringLiteral("Cancelada antes de empezar: no se hizo nada."));
    QVERIFY(stdlab::installTranslations(qApp, QStringLiteral("en")));
}

QTEST_MAIN(tst_OperationsView)
#include "tst_operationsview.moc"
