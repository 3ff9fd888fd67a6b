// RegexMatchTableModel: matches of a RegexModel as rows (number, span, text, groups).
#include "regex/regexmatchtablemodel.h"
#include "regex/regexmodel.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QSignalSpy>
#include <QtTest>

#include "regex/regexhighlighter.h"

using namespace stdlab::re;

class tst_RegexMatchTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void columnsForNamedAndNumberedGroups();
    void unmatchedGroupShowsNone();
    void hundredThousandMatchesAreFetchedInChunks();
    void newRunResetsRowsAndColumns();

private:
    static void run(RegexModel &model, const QString &pattern, const QString &text)
    {
        QSignalSpy finished(&model, &RegexModel::finished);
        model.setText(text);
        model.setPattern(pattern);
        QVERIFY(finished.wait(20000));
    }
};

void tst_RegexMatchTableModel::columnsForNamedAndNumberedGroups()
{
    RegexModel model;
    RegexMatchTableModel table(&model);
    QAbstractItemModelTester tester(&table);
    run(model, QStringLiteral("(?P<usuario>\\w+)@(\\w+\\.\\w{2,})"),
        QStringLiteral("Escribe a 😀 soporte@hack4u.io o a info@hack4u.io"));
    QCOMPARE(table.rowCount(), 2);
    QCOMPARE(table.columnCount(), 7);
    const QStringList headers = {"#", "Span", "Match", "usuario", "usuario span", "Group 2",
                                 "Group 2 span"};
    for (int c = 0; c < headers.size(); ++c) {
        QCOMPARE(table.headerData(c, Qt::Horizontal).toString(), headers[c]);
    }
    auto cell = [&](int r, int c) { return table.data(table.index(r, c)).toString(); };
    QCOMPARE(cell(0, 0), QStringLiteral("1"));
    QCOMPARE(cell(0, 1), QStringLiteral("(12, 29)"));
    QCOMPARE(cell(0, 2), QStringLiteral("'soporte@hack4u.io'"));
    QCOMPARE(cell(0, 3), QStringLiteral("'soporte'"));
    QCOMPARE(cell(0, 4), QStringLiteral("(12, 19)"));
    QCOMPARE(cell(0, 5), QStringLiteral("'hack4u.io'"));
    QCOMPARE(cell(0, 6), QStringLiteral("(20, 29)"));
    QCOMPARE(cell(1, 0), QStringLiteral("2"));
    QCOMPARE(cell(1, 1), QStringLiteral("(34, 48)"));
    QCOMPARE(table.data(table.index(0, 5), Qt::BackgroundRole).value<QBrush>().color(),
             RegexColors::group(2));
    QCOMPARE(table.data(table.index(0, 2), Qt::BackgroundRole).value<QBrush>().color(),
             RegexColors::match());
    QCOMPARE(RegexMatchTableModel::groupOfColumn(6), 2);
}

void tst_RegexMatchTableModel::unmatchedGroupShowsNone()
{
    RegexModel model;
    RegexMatchTableModel table(&model);
    run(model, QStringLiteral("(a)|(b)"), QStringLiteral("b"));
    QCOMPARE(table.rowCount(), 1);
    QCOMPARE(table.data(table.index(0, 3)).toString(), QStringLiteral("None"));
    QCOMPARE(table.data(table.index(0, 4)).toString(), QStringLiteral("(-1, -1)"));
    QCOMPARE(table.data(table.index(0, 5)).toString(), QStringLiteral("'b'"));
}

void tst_RegexMatchTableModel::hundredThousandMatchesAreFetchedInChunks()
{
    RegexModel model;
    RegexMatchTableModel table(&model);
    QSignalSpy inserted(&table, &QAbstractItemModel::rowsInserted);
    QString text;
    for (int i = 0; i < 120000; ++i) {
        text += QStringLiteral("ñu%1 ").arg(i % 10);
    }
    run(model, QStringLiteral("\\w+"), text);
    QCOMPARE(table.availableRows(), 120000);
    // The view gets rows in chunks as it scrolls down.
    QCOMPARE(table.rowCount(), RegexMatchTableModel::kChunk);
    QVERIFY(table.canFetchMore({}));
    table.fetchMore({});
    QCOMPARE(table.rowCount(), 2 * RegexMatchTableModel::kChunk);
    table.ensureRow(99999);
    QVERIFY(table.rowCount() > 99999);
    table.ensureRow(119999);
    QCOMPARE(table.rowCount(), 120000);
    QVERIFY(!table.canFetchMore({}));
    QVERIFY(inserted.count() < 120); // batches, not a signal per match
    QCOMPARE(table.data(table.index(99999, 1)).toString(), QStringLiteral("(399996, 399999)"));
    QCOMPARE(table.data(table.index(99999, 2)).toString(), QStringLiteral("'ñu9'"));
}

void tst_RegexMatchTableModel::newRunResetsRowsAndColumns()
{
    RegexModel model;
    RegexMatchTableModel table(&model);
    QAbstractItemModelTester tester(&table);
    run(model, QStringLiteral("(\\d)(\\d)"), QStringLiteral("12 34 56"));
    QCOMPARE(table.rowCount(), 3);
    QCOMPARE(table.columnCount(), 7);
    QSignalSpy reset(&table, &QAbstractItemModel::modelReset);
    run(model, QStringLiteral("\\d{2}"), QStringLiteral("12 34 56"));
    QCOMPARE(reset.count(), 1);
    QCOMPARE(table.columnCount(), 3);
    QCOMPARE(table.rowCount(), 3);
    QCOMPARE(table.data(table.index(2, 2)).toString(), QStringLiteral("'56'"));
    run(model, QStringLiteral("(x"), QStringLiteral("12 34 56"));
    QCOMPARE(table.rowCount(), 0);
}

QTEST_MAIN(tst_RegexMatchTableModel)
#include "tst_regexmatchtablemodel.moc"
