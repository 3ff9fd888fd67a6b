// The Chunks view as a user meets it in the Chat tab: "Reads (recv)" shows a row per read, the
// slow reader switch drives the session, and the choice is kept with the settings.
#include "chat/chatpanel.h"
#include "chat/chunksview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QSettings>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTableView>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

using stdlab::chat::ChunkModel;

class tst_ChunksView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void readsShowARowPerRecv();
    void slowReaderSwitchDrivesTheSession();
    void choiceIsKeptWithTheSettings();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_ChunksView::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    qputenv("STDLAB_SEND_LOG_DIR", m_dir->filePath(QStringLiteral("sends")).toUtf8());
}

void tst_ChunksView::cleanup()
{
    qunsetenv("STDLAB_SEND_LOG_DIR");
    m_dir.reset();
}

void tst_ChunksView::readsShowARowPerRecv()
{
    ChatPanel panel;
    panel.resize(800, 600);
    panel.show();
    auto *show = panel.findChild<QComboBox *>(QStringLiteral("conversationShow"));
    QVERIFY(show);
    QCOMPARE(show->currentText(), QStringLiteral("Messages"));
    show->setCurrentIndex(show->findData(QStringLiteral("reads")));
    auto *views = panel.findChild<QStackedWidget *>(QStringLiteral("conversationViews"));
    auto *chunks = qobject_cast<ChunksView *>(views->currentWidget());
    QVERIFY(chunks);
    QVERIFY(chunks->isVisible());

    panel.findChild<QSpinBox *>(QStringLiteral("serverPort"))->setValue(0);
    panel.startServer();
    QVERIFY(panel.isServing());
    QTcpSocket peer;
    peer.connectToHost(QHostAddress::LocalHost, panel.serverPort());
    QVERIFY(peer.waitForConnected(10000));
    peer.write("hello\n");
    QVERIFY(peer.waitForBytesWritten(10000));
    QTRY_COMPARE_WITH_TIMEOUT(chunks->table()->model()->rowCount(), 1, 20000);
    const QAbstractItemModel *m = chunks->table()->model();
    QCOMPARE(m->index(0, ChunkModel::SizeColumn).data().toString(), QStringLiteral("6"));
    QCOMPARE(m->index(0, ChunkModel::DataColumn).data().toString(), QStringLiteral("hello"));
    QCOMPARE(m->index(0, ChunkModel::SendsColumn).data().toString(), QStringLiteral("—"));
    QTRY_VERIFY(panel.findChild<QLabel *>(QStringLiteral("chunksStatus"))
                    ->text()
                    .contains(QStringLiteral("known for 0 of 1 connection")));
    // Clear empties the reads too.
    panel.clearLog();
    QCOMPARE(m->rowCount(), 0);
}

void tst_ChunksView::slowReaderSwitchDrivesTheSession()
{
    ChatPanel panel;
    auto *slow = panel.findChild<QCheckBox *>(QStringLiteral("slowReader"));
    auto *bytes = panel.findChild<QSpinBox *>(QStringLiteral("slowReaderBytes"));
    auto *pause = panel.findChild<QSpinBox *>(QStringLiteral("slowReaderPause"));
    QVERIFY(slow && bytes && pause);
    QCOMPARE(panel.session()->slowReadBytes(), 0);
    QVERIFY(!bytes->isEnabled());
    slow->setChecked(true);
    QCOMPARE(panel.session()->slowReadBytes(), 10);
    QCOMPARE(panel.session()->slowReadPauseMs(), 500);
    bytes->setValue(100);
    pause->setValue(250);
    QCOMPARE(panel.session()->slowReadBytes(), 100);
    QCOMPARE(panel.session()->slowReadPauseMs(), 250);
    slow->setChecked(false);
    QCOMPARE(panel.session()->slowReadBytes(), 0);
    QCOMPARE(panel.session()->slowReadPauseMs(), 0);
}

void tst_ChunksView::choiceIsKeptWithTheSettings()
{
    QSettings settings(m_dir->filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    {
        ChatPanel panel;
        auto *show = panel.findChild<QComboBox *>(QStringLiteral("conversationShow"));
        show->setCurrentIndex(show->findData(QStringLiteral("reads")));
        panel.saveSettings(settings);
    }
    ChatPanel panel;
    panel.restoreSettings(settings);
    auto *views = panel.findChild<QStackedWidget *>(QStringLiteral("conversationViews"));
    QVERIFY(qobject_cast<ChunksView *>(views->currentWidget()));
}

QTEST_MAIN(tst_ChunksView)
#include "tst_chunksview.moc"
