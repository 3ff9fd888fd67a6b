// RedosRunner: redos() in a worker thread, the last pattern's outcome only, cancellable.
#include "regex/redosrunner.h"

#include <QSignalSpy>
#include <QtTest>

using namespace stdlab;

class tst_RedosRunner : public QObject
{
    Q_OBJECT

private slots:
    void finishedGivesTheVerdict();
    void aNewPatternCancelsTheRunningOne();
    void badPatternFails();
    void cancelledRunSaysNothing();
    void destroyedWhileRunning();
};

void tst_RedosRunner::finishedGivesTheVerdict()
{
    re::RedosRunner runner;
    QSignalSpy finished(&runner, &re::RedosRunner::finished);
    runner.start(QStringLiteral("(a|aa)+$"), re::IGNORECASE);
    QVERIFY(runner.isRunning());
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().at(0).toString(), QStringLiteral("(a|aa)+$"));
    QCOMPARE(finished.first().at(1).toInt(), int(re::IGNORECASE));
    const auto v = finished.first().at(2).value<re::RedosVerdict>();
    QCOMPARE(v.kind, re::RedosVerdict::Kind::Exponential);
    QCOMPARE(v.spanEnd, 7);
    QVERIFY(!runner.isRunning());
}

void tst_RedosRunner::aNewPatternCancelsTheRunningOne()
{
    re::RedosRunner runner;
    QSignalSpy finished(&runner, &re::RedosRunner::finished);
    // The first would take its whole budget (200 nested groups: seconds).
    runner.start(QStringLiteral("(").repeated(200) + QStringLiteral("a*")
                     + QStringLiteral(")*").repeated(200),
                 0);
    runner.start(QStringLiteral("\\d+\\d+$"), 0);
    QVERIFY(finished.wait(30000));
    QTest::qWait(200);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().at(0).toString(), QStringLiteral("\\d+\\d+$"));
    QCOMPARE(finished.first().at(2).value<re::RedosVerdict>().degree, 2);
}

void tst_RedosRunner::badPatternFails()
{
    re::RedosRunner runner;
    QSignalSpy failed(&runner, &re::RedosRunner::failed);
    runner.start(QStringLiteral("a{2,1}"), 0);
    QVERIFY(failed.wait(30000));
    QCOMPARE(failed.first().at(2).value<re::Error>().message,
             QStringLiteral("min repeat greater than max repeat"));
}

void tst_RedosRunner::cancelledRunSaysNothing()
{
    re::RedosRunner runner;
    QSignalSpy finished(&runner, &re::RedosRunner::finished);
    QSignalSpy failed(&runner, &re::RedosRunner::failed);
    runner.start(QStringLiteral("(a+)+$"), 0);
    runner.cancel();
    QVERIFY(!runner.isRunning());
    QTest::qWait(500);
    QCOMPARE(finished.size() + failed.size(), 0);
}

void tst_RedosRunner::destroyedWhileRunning()
{
    QElapsedTimer timer;
    timer.start();
    {
        re::RedosRunner runner;
        runner.start(QStringLiteral("(").repeated(200) + QStringLiteral("a*")
                         + QStringLiteral(")*").repeated(200),
                     0);
    }
    // Cancelled at once, not after its 3 s of CPU.
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
}

QTEST_GUILESS_MAIN(tst_RedosRunner)
#include "tst_redosrunner.moc"
