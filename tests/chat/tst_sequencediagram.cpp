// The sequence diagram as a user meets it: the Chat tab's "Sequence diagram" page follows the
// newest connection, hover shows a step's bytes, Export writes PNG and SVG, usable at 800x600.
#include "chat/chatpanel.h"
#include "chat/chatprompter.h"
#include "chat/sequencediagram.h"
#include "localization.h"

#include <QComboBox>
#include <QImage>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

using stdlab::chat::SequenceModel;

namespace {

class ScriptedPrompter : public ChatPrompter
{
public:
    QString answer;
    QString suggested;
    std::optional<QString> askSaveLogPath(QWidget *, const QString &) override
    {
        return std::nullopt;
    }
    std::optional<QString> askExportDiagramPath(QWidget *, const QString &s) override
    {
        suggested = s;
        if (answer.isEmpty()) {
            return std::nullopt;
        }
        return answer;
    }
};

} // namespace

class tst_SequenceDiagram : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void panelDrawsTheConnectionLive();
    void hoverShowsTheBytes();
    void exportsPngAndSvg();

private:
    /// A panel (800x600) serving echo with one raw client that sent "ping\n" and got it back.
    void serveWithOneExchange();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ChatPanel> m_panel;
    ScriptedPrompter *m_prompter = nullptr;
    std::unique_ptr<QTcpSocket> m_peer;
};

void tst_SequenceDiagram::init()
{
    stdlab::installTranslations(qApp, QStringLiteral("en"));
    m_dir = std::make_unique<QTemporaryDir>();
    qputenv("STDLAB_SEND_LOG_DIR", m_dir->filePath(QStringLiteral("sends")).toUtf8());
}

void tst_SequenceDiagram::cleanup()
{
    m_peer.reset();
    m_panel.reset();
    qunsetenv("STDLAB_SEND_LOG_DIR");
    m_dir.reset();
}

void tst_SequenceDiagram::serveWithOneExchange()
{
    m_panel = std::make_unique<ChatPanel>();
    auto prompter = std::make_unique<ScriptedPrompter>();
    m_prompter = prompter.get();
    m_panel->setPrompter(std::move(prompter));
    m_panel->resize(800, 600);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    auto *show = m_panel->findChild<QComboBox *>(QStringLiteral("conversationShow"));
    show->setCurrentIndex(show->findData(QStringLiteral("sequence")));
    auto *mode = m_panel->findChild<QComboBox *>(QStringLiteral("serverMode"));
    QVERIFY(mode);
    mode->setCurrentIndex(mode->findData(QStringLiteral("echo")));
    m_panel->findChild<QSpinBox *>(QStringLiteral("serverPort"))->setValue(0);
    m_panel->startServer();
    QVERIFY(m_panel->isServing());
    m_peer = std::make_unique<QTcpSocket>();
    m_peer->connectToHost(QHostAddress::LocalHost, m_panel->serverPort());
    QVERIFY(m_peer->waitForConnected(10000));
    m_peer->write("ping\n");
    QVERIFY(m_peer->waitForBytesWritten(10000));
    QTRY_COMPARE_WITH_TIMEOUT(m_peer->bytesAvailable(), 5, 20000);
}

void tst_SequenceDiagram::panelDrawsTheConnectionLive()
{
    serveWithOneExchange();
    auto *views = m_panel->findChild<QStackedWidget *>(QStringLiteral("conversationViews"));
    auto *view = qobject_cast<SequenceView *>(views->currentWidget());
    QVERIFY(view);
    SequenceDiagram *diagram = view->diagram();
    QVERIFY(diagram->isVisible());
    // socket, bind, listen, connect?, handshake, accept, 5 B, recv, sendall, 5 B.
    QTRY_COMPARE_WITH_TIMEOUT(diagram->stepCount(), 10, 20000);
    QCOMPARE(view->connections()->count(), 1);
    QVERIFY(view->connections()->currentText().contains(QStringLiteral("TCP 127.0.0.1:")));
    m_peer->disconnectFromHost();
    // + close?, FIN, recv → b'', close, FIN: drawn live.
    QTRY_COMPARE_WITH_TIMEOUT(diagram->stepCount(), 15, 20000);
    // Usable at 800x600: the two lanes fit without scrolling sideways, the rows scroll.
    auto *scroll = view->findChild<QScrollArea *>(QStringLiteral("sequenceScroll"));
    QVERIFY2(!scroll->horizontalScrollBar()->isVisible(),
             qPrintable(QStringLiteral("%1 in %2").arg(diagram->width()).arg(scroll->width())));
    QVERIFY(diagram->height() >= diagram->stepRect(14).bottom());
    // A second client: the diagram follows the newest connection.
    QTcpSocket second;
    second.connectToHost(QHostAddress::LocalHost, m_panel->serverPort());
    QVERIFY(second.waitForConnected(10000));
    QTRY_COMPARE_WITH_TIMEOUT(view->connections()->count(), 2, 20000);
    QCOMPARE(diagram->connection(), view->connections()->itemData(1).toInt());
    QTRY_COMPARE(diagram->stepCount(), 6);
    // The first one can be chosen again.
    view->connections()->setCurrentIndex(0);
    QCOMPARE(diagram->stepCount(), 15);
}

void tst_SequenceDiagram::hoverShowsTheBytes()
{
    serveWithOneExchange();
    auto *view = m_panel->findChild<SequenceView *>();
    SequenceDiagram *diagram = view->diagram();
    QTRY_COMPARE_WITH_TIMEOUT(diagram->stepCount(), 10, 20000);
    // Step 7 is "recv() → 5 B".
    const QRect row = diagram->stepRect(7);
    QCOMPARE(diagram->stepAt(row.center().y()), 7);
    QTest::mouseMove(diagram, row.center());
    QTRY_COMPARE(diagram->hoveredStep(), 7);
    const QString tip = diagram->stepToolTip(7);
    QVERIFY2(tip.startsWith(QStringLiteral("recv() → 5 B")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("5 bytes")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("ping")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("70 69 6e 67 0a")), qPrintable(tip));
    // An inferred call says so.
    QVERIFY(diagram->stepToolTip(3).contains(QStringLiteral("Deduced")));
    QCOMPARE(diagram->stepAt(0), -1); // the lanes' titles
}

void tst_SequenceDiagram::exportsPngAndSvg()
{
    serveWithOneExchange();
    auto *view = m_panel->findChild<SequenceView *>();
    SequenceDiagram *diagram = view->diagram();
    QTRY_COMPARE_WITH_TIMEOUT(diagram->stepCount(), 10, 20000);

    // Export PNG… asks the prompter, adds the suffix, and writes an image of every row.
    m_prompter->answer = m_dir->filePath(QStringLiteral("diagram"));
    m_panel->findChild<QPushButton *>(QStringLiteral("sequenceExportPng"))->click();
    QCOMPARE(m_prompter->suggested, QStringLiteral("sequence-1.png"));
    QImage image(m_dir->filePath(QStringLiteral("diagram.png")));
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 640);
    QCOMPARE(image.height(), diagram->sizeHint().height());
    // Something is drawn on the rows: not one colour.
    const QRgb background = image.pixel(1, image.height() - 2);
    int other = 0;
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2) {
            other += image.pixel(x, y) != background;
        }
    }
    QVERIFY2(other > 500, qPrintable(QString::number(other)));

    // SVG: a document with the calls as text.
    m_prompter->answer = m_dir->filePath(QStringLiteral("diagram.svg"));
    m_panel->findChild<QPushButton *>(QStringLiteral("sequenceExportSvg"))->click();
    QFile svg(m_dir->filePath(QStringLiteral("diagram.svg")));
    QVERIFY(svg.open(QIODevice::ReadOnly));
    const QByteArray doc = svg.readAll();
    QVERIFY(doc.contains("<svg"));
    QVERIFY(doc.contains("listen()"));
    QVERIFY(doc.contains("SYN · SYN-ACK · ACK"));
    QVERIFY(doc.contains("recv() → 5 B"));

    // A place that cannot be written: said, nothing crashes.
    QVERIFY(!diagram->exportTo(QStringLiteral("/nonexistent-dir/x.png")));
    QVERIFY(diagram->errorString().contains(QStringLiteral("/nonexistent-dir/x.png")));
    // Cancelled: nothing written, nothing said.
    m_prompter->answer.clear();
    m_panel->findChild<QPushButton *>(QStringLiteral("sequenceExportSvg"))->click();
}

QTEST_MAIN(tst_SequenceDiagram)
#include "tst_sequencediagram.moc"
