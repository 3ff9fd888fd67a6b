// RegexMatchTable: every column as wide as its header and its widest value, in English and
// Spanish, however many matches and however narrow the table.
#include "localization.h"
#include "regex/regexmatchtable.h"
#include "regex/regexmatchtablemodel.h"
#include "regex/regexmodel.h"

#include <QApplication>
#include <QHeaderView>
#include <QSignalSpy>
#include <QtTest>

using namespace stdlab::re;

class tst_RegexMatchTable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();
    void everyHeaderAndValueIsWhole_data();
    void everyHeaderAndValueIsWhole();
    void numberColumnFitsItsDigits_data();
    void numberColumnFitsItsDigits();
    void longTextsStopAtACap();
    void aNewLanguageRefitsTheHeaders();

private:
    static void run(RegexModel &model, const QString &pattern, const QString &text)
    {
        QSignalSpy finished(&model, &RegexModel::finished);
        model.setText(text);
        model.setPattern(pattern);
        QVERIFY(finished.wait(20000));
    }
    /// Columns narrower than their header's text or a value of the first and last rows.
    static QStringList clipped(const RegexMatchTable &table);
};

void tst_RegexMatchTable::cleanup()
{
    stdlab::installTranslations(qApp, QStringLiteral("en"));
}

QStringList tst_RegexMatchTable::clipped(const RegexMatchTable &table)
{
    QStringList problems;
    const QHeaderView *header = table.horizontalHeader();
    const RegexMatchTableModel *model = table.matchModel();
    for (int c = 0; c < model->columnCount(); ++c) {
        const QString title = model->headerData(c, Qt::Horizontal).toString();
        const int size = header->sectionSize(c);
        if (size < header->sectionSizeHint(c)) {
            problems << QStringLiteral("header '%1' %2 < %3")
                            .arg(title)
                            .arg(size)
                            .arg(header->sectionSizeHint(c));
        }
        for (int row : {0, model->availableRows() - 1}) {
            const QString text = model->cellText(row, c);
            if (size < table.cellWidth(c, text)) {
                problems << QStringLiteral("row %1 of '%2': %3 is %4 px, needs %5")
                                .arg(row)
                                .arg(title, text)
                                .arg(size)
                                .arg(table.cellWidth(c, text));
            }
        }
    }
    return problems;
}

void tst_RegexMatchTable::everyHeaderAndValueIsWhole_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<int>("width");
    for (const char *language : {"en", "es"}) {
        for (int width : {250, 1200}) {
            QTest::addRow("%s, table %d px wide", language, width)
                << QString::fromLatin1(language) << width;
        }
    }
}

void tst_RegexMatchTable::everyHeaderAndValueIsWhole()
{
    // "span de Grupo 1" was 100 px wide in Spanish (115 needed), 'soporte@hack4u.io' elided.
    QFETCH(QString, language);
    QFETCH(int, width);
    QVERIFY(stdlab::installTranslations(qApp, language));
    RegexModel model;
    RegexMatchTableModel tableModel(&model);
    RegexMatchTable table;
    table.setMatchModel(&tableModel);
    table.resize(width, 200);
    table.show();
    QVERIFY(QTest::qWaitForWindowExposed(&table));
    run(model, QStringLiteral("(\\w+)@(\\w+\\.\\w{2,})(?P<resto>x)?"),
        QStringLiteral("Los usuarios pueden contactarnos a soporte@hack4u.io o a "
                       "info@hack4u.io, o a un_nombre_bastante_largo@ejemplo.com"));
    QCOMPARE(tableModel.columnCount(), 9);
    QCOMPARE(tableModel.availableRows(), 3);
    const QStringList problems = clipped(table);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    // Nothing wider than it needs either: the last column stretches into what is left.
    for (int c = 0; c + 1 < tableModel.columnCount(); ++c) {
        QCOMPARE(table.horizontalHeader()->sectionSize(c), table.wantedWidth(c));
    }
}

void tst_RegexMatchTable::numberColumnFitsItsDigits_data()
{
    QTest::addColumn<int>("matches");
    QTest::newRow("1 digit") << 3;
    QTest::newRow("3 digits") << 250;
    QTest::newRow("6 digits") << 123456;
}

void tst_RegexMatchTable::numberColumnFitsItsDigits()
{
    // "#" was 100 px for numbers of one to seven digits.
    QFETCH(int, matches);
    RegexModel model;
    RegexMatchTableModel tableModel(&model);
    RegexMatchTable table;
    table.setMatchModel(&tableModel);
    table.resize(600, 200);
    table.show();
    QVERIFY(QTest::qWaitForWindowExposed(&table));
    run(model, QStringLiteral("a"), QString(matches, QLatin1Char('a')));
    QCOMPARE(tableModel.availableRows(), matches);
    // Fewer rows are fetched than there are matches: the last number fits all the same.
    QVERIFY(tableModel.rowCount() <= RegexMatchTableModel::kChunk);
    const QString last = QString::number(matches);
    const int wanted = std::max(table.horizontalHeader()->sectionSizeHint(0),
                                table.cellWidth(0, last));
    QCOMPARE(table.horizontalHeader()->sectionSize(0), wanted);
    QVERIFY2(wanted < table.fontMetrics().horizontalAdvance(last) + 6 * table.fontMetrics()
                                                                          .averageCharWidth(),
             qPrintable(QString::number(wanted)));
    const QStringList problems = clipped(table);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

void tst_RegexMatchTable::longTextsStopAtACap()
{
    // A 300-character match does not make a 2,000 px column: it is cut at the cap, where the
    // cell's tooltip and the Result pane show it whole.
    RegexModel model;
    RegexMatchTableModel tableModel(&model);
    RegexMatchTable table;
    table.setMatchModel(&tableModel);
    table.resize(600, 200);
    table.show();
    QVERIFY(QTest::qWaitForWindowExposed(&table));
    run(model, QStringLiteral("(x+)(y)"), QString(300, QLatin1Char('x')) + QLatin1Char('y'));
    const int cap = table.cellWidth(2, QString(RegexMatchTable::kTextColumnChars,
                                               QLatin1Char('m')));
    QCOMPARE(table.horizontalHeader()->sectionSize(2), cap);
    QCOMPARE(table.horizontalHeader()->sectionSize(3), cap);
    QVERIFY(table.horizontalHeader()->sectionSize(5) < cap);
}

void tst_RegexMatchTable::aNewLanguageRefitsTheHeaders()
{
    RegexModel model;
    RegexMatchTableModel tableModel(&model);
    RegexMatchTable table;
    table.setMatchModel(&tableModel);
    table.resize(300, 200);
    table.show();
    QVERIFY(QTest::qWaitForWindowExposed(&table));
    run(model, QStringLiteral("(a)(b)"), QStringLiteral("ab ab"));
    const int english = table.horizontalHeader()->sectionSize(4);
    QVERIFY(stdlab::installTranslations(qApp, QStringLiteral("es")));
    QCoreApplication::processEvents();
    QCOMPARE(tableModel.headerData(4, Qt::Horizontal).toString(),
             QStringLiteral("span de Grupo 1"));
    QVERIFY(table.horizontalHeader()->sectionSize(4) > english);
    const QStringList problems = clipped(table);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

QTEST_MAIN(tst_RegexMatchTable)
#include "tst_regexmatchtable.moc"
