// The stats ring buffer: rates from cumulative counters, wrap-around, maxima.
#include "chat/statshistory.h"

#include <QtTest>

using namespace stdlab::chat;

class tst_StatsHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstTotalsAreOnlyABaseline();
    void ratesArePerSecond();
    void wrapsAroundKeepingTheNewest();
    void countersGoingBackStartANewBaseline();
    void maximumOfASeries();
};

void tst_StatsHistory::firstTotalsAreOnlyABaseline()
{
    StatsHistory h(10);
    h.addTotals(1000, {100, 50, 6400, 3200}, 3);
    QVERIFY(h.isEmpty());
}

void tst_StatsHistory::ratesArePerSecond()
{
    StatsHistory h(10);
    h.addTotals(1000, {100, 50, 6400, 3200}, 3);
    h.addTotals(1250, {350, 100, 22400, 6400}, 4);
    QCOMPARE(h.size(), 1);
    QCOMPARE(h.last().clients, 4);
    QCOMPARE(h.last().rate[StatsHistory::MessagesIn], 1000.0);
    QCOMPARE(h.last().rate[StatsHistory::MessagesOut], 200.0);
    QCOMPARE(h.last().rate[StatsHistory::BytesIn], 64000.0);
    QCOMPARE(h.last().rate[StatsHistory::BytesOut], 12800.0);
}

void tst_StatsHistory::wrapsAroundKeepingTheNewest()
{
    StatsHistory h(4);
    for (int i = 0; i < 7; ++i) {
        StatsHistory::Sample s;
        s.clients = i;
        h.push(s);
    }
    QCOMPARE(h.size(), 4);
    QCOMPARE(h.at(0).clients, 3);
    QCOMPARE(h.at(3).clients, 6);
    h.clear();
    QCOMPARE(h.size(), 0);
}

void tst_StatsHistory::countersGoingBackStartANewBaseline()
{
    StatsHistory h(10);
    h.addTotals(0, {100, 0, 0, 0}, 1);
    h.addTotals(1000, {200, 0, 0, 0}, 1);
    h.addTotals(2000, {5, 0, 0, 0}, 1); // engine restarted
    QCOMPARE(h.size(), 1);
    h.addTotals(3000, {15, 0, 0, 0}, 1);
    QCOMPARE(h.size(), 2);
    QCOMPARE(h.last().rate[StatsHistory::MessagesIn], 10.0);
}

void tst_StatsHistory::maximumOfASeries()
{
    StatsHistory h(3);
    for (double v : {5.0, 40.0, 7.0, 9.0}) {
        StatsHistory::Sample s;
        s.rate[StatsHistory::BytesOut] = v;
        h.push(s);
    }
    QCOMPARE(h.maximum(StatsHistory::BytesOut), 40.0);
    StatsHistory::Sample s;
    h.push(s); // 40 falls out
    QCOMPARE(h.maximum(StatsHistory::BytesOut), 9.0);
    QCOMPARE(h.maximum(StatsHistory::MessagesIn), 0.0);
}

QTEST_GUILESS_MAIN(tst_StatsHistory)
#include "tst_statshistory.moc"
