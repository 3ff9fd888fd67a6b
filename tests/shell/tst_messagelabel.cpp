// The app's one message widget (MessageLabel) and the settings helper (SettingValue).
#include "messagelabel.h"
#include "settingvalue.h"

#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtTest>

class tst_MessageLabel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void longMessageWrapsWithoutWideningTheWindow();
    void reservedSpaceKeepsTheFieldBelowStill();
    void withoutReservedSpaceAnEmptyLabelIsHidden();
    void twoReservedLinesHoldATwoLineMessage();
    void fixedLinesHoldAMessageOfAnyLength();
    void closeButtonClearsAndSaysSo();
    void kindAndTextAreKept();
    void settingValueReadsItsDefaultUntilStored();
    void settingValueIgnoresAValueOfTheWrongType();
};

void tst_MessageLabel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("StdLabTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_messagelabel"));
}

void tst_MessageLabel::longMessageWrapsWithoutWideningTheWindow()
{
    QWidget window;
    auto *layout = new QVBoxLayout(&window);
    auto *field = new QLineEdit(&window);
    auto *message = new MessageLabel(&window);
    layout->addWidget(field);
    layout->addWidget(message);
    window.resize(300, 200);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const int minimumBefore = window.minimumSizeHint().width();
    message->showError(QStringLiteral("stopped: backtracking limit ").repeated(40)
                       + QStringLiteral("/a/path/without/any/space/").repeated(20));
    QCoreApplication::processEvents();
    QCOMPARE(window.minimumSizeHint().width(), minimumBefore);
    QCOMPARE(window.width(), 300);
    QVERIFY(message->isVisible());
    QVERIFY2(message->height() > 3 * message->fontMetrics().lineSpacing(),
             qPrintable(QString::number(message->height())));
    QVERIFY(message->toolTip().contains(QLatin1String("/a/path/without/any/space/")));
}

void tst_MessageLabel::reservedSpaceKeepsTheFieldBelowStill()
{
    QWidget window;
    auto *layout = new QVBoxLayout(&window);
    auto *above = new QLineEdit(&window);
    auto *message = new MessageLabel(&window);
    message->setReserveSpace(true);
    auto *below = new QLineEdit(&window);
    layout->addWidget(above);
    layout->addWidget(message);
    layout->addWidget(below);
    layout->addStretch();
    window.resize(600, 300);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(message->isVisible());
    const int y = below->y();
    message->showError(QStringLiteral("ValueError: Invalid isoformat string: 'x'"));
    QCoreApplication::processEvents();
    QCOMPARE(below->y(), y);
    message->clear();
    QCoreApplication::processEvents();
    QCOMPARE(below->y(), y);
    QVERIFY(message->isEmpty());
    QVERIFY(message->isVisible());
}

void tst_MessageLabel::twoReservedLinesHoldATwoLineMessage()
{
    // The chat's advice ("Port 1234 is already in use — choose another port, or 0 ...") takes
    // two lines at 800 px: with two lines kept, the fields below stay where they were.
    QWidget window;
    auto *layout = new QVBoxLayout(&window);
    auto *message = new MessageLabel(&window);
    message->setFixedLines(2);
    auto *below = new QLineEdit(&window);
    layout->addWidget(message);
    layout->addWidget(below);
    layout->addStretch();
    const QString word = QStringLiteral("word ");
    const int perLine = 300 / message->fontMetrics().horizontalAdvance(word);
    window.resize(300 + 40, 300);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(message->isVisible());
    const int y = below->y();
    QVERIFY(message->height() >= 2 * message->fontMetrics().lineSpacing());
    message->showError(word.repeated(perLine + 2).trimmed()); // a line and a bit
    QCoreApplication::processEvents();
    QCOMPARE(below->y(), y);
    message->clear();
    QCoreApplication::processEvents();
    QCOMPARE(below->y(), y);
    QCOMPARE(message->reservedLines(), 2);
    QVERIFY(message->reservesSpace());
}

void tst_MessageLabel::fixedLinesHoldAMessageOfAnyLength()
{
    // A message of three or more lines grew the label and pushed the field below: with fixed
    // lines the label keeps its height, and the rest of the text scrolls within it.
    QWidget window;
    auto *layout = new QVBoxLayout(&window);
    auto *message = new MessageLabel(&window);
    message->setFixedLines(2);
    auto *below = new QLineEdit(&window);
    layout->addWidget(message);
    layout->addWidget(below);
    layout->addStretch();
    window.resize(340, 300);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(message->isVisible());
    const int y = below->y();
    const int height = message->height();
    QVERIFY(height >= 2 * message->fontMetrics().lineSpacing());
    const QString text = QStringLiteral("Traceback (most recent call last):\n  line 1\n  line 2\n"
                                        "ConnectionRefusedError: [Errno 111] Connection refused");
    message->showError(text);
    for (int i = 0; i < 3; ++i) {
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        QCoreApplication::processEvents();
    }
    QCOMPARE(below->y(), y);
    QCOMPARE(message->height(), height);
    // All of it can still be read: scrolled to, and in the tooltip.
    QCOMPARE(message->text(), text);
    QCOMPARE(message->toolTip(), text);
    auto *scroll = message->findChild<QScrollArea *>(QStringLiteral("messageScroll"));
    QVERIFY(scroll);
    QVERIFY(scroll->verticalScrollBar()->maximum() > 0);
    message->clear();
    QCoreApplication::processEvents();
    QCOMPARE(below->y(), y);
    QVERIFY(message->isVisible());
}

void tst_MessageLabel::withoutReservedSpaceAnEmptyLabelIsHidden()
{
    QWidget window;
    auto *layout = new QVBoxLayout(&window);
    auto *message = new MessageLabel(&window);
    layout->addWidget(message);
    window.show();
    QVERIFY(!message->isVisible());
    message->showMessage(QStringLiteral("done"));
    QVERIFY(message->isVisible());
    message->showMessage(QString());
    QVERIFY(!message->isVisible());
    QVERIFY(message->text().isEmpty());
}

void tst_MessageLabel::closeButtonClearsAndSaysSo()
{
    MessageLabel message;
    message.setClosable(true);
    message.showMessage(QStringLiteral("3 items copied"));
    message.show();
    QSignalSpy closed(&message, &MessageLabel::closed);
    auto *button = message.findChild<QToolButton *>(QStringLiteral("messageClose"));
    QVERIFY(button);
    QVERIFY(!button->accessibleName().isEmpty());
    button->click();
    QCOMPARE(closed.count(), 1);
    QVERIFY(message.isEmpty());
    QVERIFY(message.isHidden());
}

void tst_MessageLabel::kindAndTextAreKept()
{
    MessageLabel message;
    message.showMessage(QStringLiteral("careful"), MessageLabel::Warning);
    QCOMPARE(message.kind(), MessageLabel::Warning);
    QCOMPARE(message.text(), QStringLiteral("careful"));
    message.setError(QStringLiteral("broken"));
    QCOMPARE(message.kind(), MessageLabel::Error);
    QVERIFY(!message.isEmpty());
    message.setError(QString());
    QVERIFY(message.isEmpty());
}

void tst_MessageLabel::settingValueReadsItsDefaultUntilStored()
{
    QSettings settings;
    settings.clear();
    const SettingValue<int> width("width", 42);
    QCOMPARE(width.get(settings), 42);
    QVERIFY(!width.isStored(settings));
    width.set(settings, 7);
    QCOMPARE(width.get(settings), 7);
    QCOMPARE(settings.value(QStringLiteral("width")).toInt(), 7);
    settings.clear();
}

void tst_MessageLabel::settingValueIgnoresAValueOfTheWrongType()
{
    QSettings settings;
    settings.clear();
    settings.setValue(QStringLiteral("threads"), QStringLiteral("many"));
    const SettingValue<int> threads("threads", 4);
    // QVariant("many").value<int>() is 0; a hand-edited file must not give 0 threads.
    QCOMPARE(threads.get(settings), 4);
    settings.clear();
}

QTEST_MAIN(tst_MessageLabel)
#include "tst_messagelabel.moc"
