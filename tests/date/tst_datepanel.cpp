// The Dates panel: typing shows results live, errors inline, copy buttons, settings.
#include "date/datemodel.h"
#include "date/datepanel.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QToolButton>
#include <QtTest>

class tst_DatePanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void typingTwoDatesShowsTheDifference();
    void invalidDateShowsTheMessage();
    void addSectionCodeAndCopy();
    void directiveTableFillsExamples();
    void emptyOptionalRowsSayWhy();
    void settingsRoundTrip();
};

void tst_DatePanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void tst_DatePanel::typingTwoDatesShowsTheDifference()
{
    DatePanel panel;
    panel.show();
    auto *a = panel.findChild<QLineEdit *>(QStringLiteral("diffA"));
    auto *b = panel.findChild<QLineEdit *>(QStringLiteral("diffB"));
    QVERIFY(a && b);
    a->clear();
    QTest::keyClicks(a, QStringLiteral("2024-01-31"));
    b->clear();
    QTest::keyClicks(b, QStringLiteral("2024-03-01T06:00"));
    auto *delta = panel.findChild<QLineEdit *>(QStringLiteral("diffDelta"));
    QCOMPARE(delta->text(), QStringLiteral("30 days, 6:00:00"));
    QCOMPARE(panel.findChild<QLineEdit *>(QStringLiteral("diffCalendar"))->text(),
             QStringLiteral("0 years, 1 month, 1 day, 6:00:00"));
    QCOMPARE(panel.findChild<QLineEdit *>(QStringLiteral("diffBusiness"))->text(),
             QStringLiteral("22"));
    QVERIFY(panel.pythonCode().contains(QStringLiteral("b = datetime.datetime(2024, 3, 1, 6)")));
}

void tst_DatePanel::invalidDateShowsTheMessage()
{
    DatePanel panel;
    panel.show();
    auto *a = panel.findChild<QLineEdit *>(QStringLiteral("diffA"));
    a->clear();
    QTest::keyClicks(a, QStringLiteral("2023-02-29"));
    auto *error = panel.findChild<QLabel *>(QStringLiteral("diffAError"));
    QVERIFY(error);
    QCOMPARE(error->text(), QStringLiteral("day is out of range for month"));
    QVERIFY(error->isVisible());
    QCOMPARE(panel.findChild<QLineEdit *>(QStringLiteral("diffDelta"))->text(), QString());
    QTest::keyClick(a, Qt::Key_Backspace);
    QTest::keyClicks(a, QStringLiteral("8"));
    QVERIFY(!error->isVisible());
}

void tst_DatePanel::addSectionCodeAndCopy()
{
    DatePanel panel;
    panel.show();
    QSignalSpy code(&panel, &Panel::pythonCodeChanged);
    panel.findChild<QTabWidget *>(QStringLiteral("dateSections"))->setCurrentIndex(2);
    QVERIFY(code.count() >= 1);
    QVERIFY(panel.pythonCode().contains(QStringLiteral(
        "datetime.datetime(2023, 6, 14, 14, 6, 23) + datetime.timedelta(days=30)")));
    auto *months = panel.findChild<QSpinBox *>(QStringLiteral("add_months"));
    months->setValue(1);
    auto *start = panel.findChild<QLineEdit *>(QStringLiteral("addStart"));
    start->setText(QStringLiteral("2023-01-31"));
    panel.findChild<QSpinBox *>(QStringLiteral("add_days"))->setValue(0);
    auto *result = panel.findChild<QLineEdit *>(QStringLiteral("addResult"));
    QCOMPARE(result->text(), QStringLiteral("2023-02-28T00:00:00"));
    panel.findChild<QToolButton *>(QStringLiteral("addResultCopy"))->click();
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("2023-02-28T00:00:00"));
}

void tst_DatePanel::emptyOptionalRowsSayWhy()
{
    DatePanel panel;
    panel.show();
    auto *start = panel.findChild<QLineEdit *>(QStringLiteral("addStart"));
    auto *zone = panel.findChild<QComboBox *>(QStringLiteral("addZone"));
    auto *elapsed = panel.findChild<QLineEdit *>(QStringLiteral("addElapsed"));
    QVERIFY(start && zone && elapsed);
    zone->setCurrentText(QString());
    start->setText(QStringLiteral("2023-06-14T14:06:23"));
    QCOMPARE(elapsed->text(), QString());
    QCOMPARE(elapsed->placeholderText(),
             QStringLiteral("As on the wall clock: the UTC offset does not change in between"));
    start->setText(QStringLiteral("2023-02-30"));
    QCOMPARE(elapsed->placeholderText(), QString()); // no result: nothing to explain
    start->setText(QStringLiteral("2023-03-25T12:00"));
    panel.findChild<QSpinBox *>(QStringLiteral("add_days"))->setValue(1);
    zone->setCurrentText(QStringLiteral("Europe/Madrid"));
    QVERIFY(elapsed->text().startsWith(QStringLiteral("23:00:00 of real time")));

    auto *when = panel.findChild<QLineEdit *>(QStringLiteral("convertDt"));
    auto *from = panel.findChild<QComboBox *>(QStringLiteral("convertFrom"));
    auto *note = panel.findChild<QLineEdit *>(QStringLiteral("convertNote"));
    QVERIFY(when && from && note);
    from->setCurrentText(QStringLiteral("Europe/Madrid"));
    when->setText(QStringLiteral("2023-10-29T02:30"));
    QVERIFY(note->text().startsWith(QStringLiteral("This wall time happens twice")));
    when->setText(QStringLiteral("2023-06-14T12:00"));
    QCOMPARE(note->text(), QString());
    QCOMPARE(note->placeholderText(),
             QStringLiteral("Neither: this wall time happens once in the source zone"));
    when->setText(QString());
    QCOMPARE(note->placeholderText(), QString());
}

void tst_DatePanel::directiveTableFillsExamples()
{
    DatePanel panel;
    auto *table = panel.findChild<QTableWidget *>(QStringLiteral("directiveTable"));
    QVERIFY(table->rowCount() >= 27);
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("%a"));
    QCOMPARE(table->item(0, 2)->text(), QStringLiteral("Wed"));
    emit table->cellDoubleClicked(1, 0);
    QVERIFY(panel.findChild<QLineEdit *>(QStringLiteral("formatString"))->text().endsWith(
        QStringLiteral("%A")));
}

void tst_DatePanel::settingsRoundTrip()
{
    QSettings settings(QDir::temp().filePath(QStringLiteral("tst_datepanel.ini")), QSettings::IniFormat);
    settings.clear();
    {
        DatePanel panel;
        panel.findChild<QLineEdit *>(QStringLiteral("diffA"))->setText(QStringLiteral("2020-02-29"));
        panel.findChild<QSpinBox *>(QStringLiteral("add_weeks"))->setValue(3);
        panel.findChild<QComboBox *>(QStringLiteral("convertTo"))->setCurrentText(QStringLiteral("Asia/Tokyo"));
        panel.findChild<QTabWidget *>(QStringLiteral("dateSections"))->setCurrentIndex(3);
        panel.saveSettings(settings);
    }
    DatePanel restored;
    restored.restoreSettings(settings);
    QCOMPARE(restored.findChild<QLineEdit *>(QStringLiteral("diffA"))->text(), QStringLiteral("2020-02-29"));
    QCOMPARE(restored.findChild<QSpinBox *>(QStringLiteral("add_weeks"))->value(), 3);
    QCOMPARE(restored.model()->input(QStringLiteral("convertTo")), QStringLiteral("Asia/Tokyo"));
    QCOMPARE(restored.findChild<QTabWidget *>(QStringLiteral("dateSections"))->currentIndex(), 3);
    settings.clear();
}

QTEST_MAIN(tst_DatePanel)
#include "tst_datepanel.moc"
