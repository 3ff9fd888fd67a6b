// bench/files: time from opening a big directory in the Files tab to its first painted rows,
// and the longest the GUI thread stalled meanwhile; the same for QFileSystemModel + QTreeView
// (what the panel would be without its own model), for reference.
// Usage: bench_files_list100k DIR  -> list_100k_ms list_100k_stall_ms rows qfsm_100k_ms
//                                       qfsm_100k_stall_ms (one line of key=value)
#include "files/filelistmodel.h"
#include "files/filespanel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFileSystemModel>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeView>

#include <cstdio>
#include <functional>

namespace {

/// Measures the time to the first paint of @p viewport showing rows, and the longest gap
/// between ticks of a 2 ms timer (how long the event loop was blocked) until then.
class PaintProbe : public QObject
{
public:
    PaintProbe(QWidget *viewport, std::function<int()> rows)
        : m_rows(std::move(rows))
    {
        viewport->installEventFilter(this);
        m_ticker.setInterval(2);
        connect(&m_ticker, &QTimer::timeout, this, [this] {
            m_maxGap = std::max(m_maxGap, m_sinceTick.restart());
        });
    }
    void start()
    {
        m_clock.start();
        m_sinceTick.start();
        m_ticker.start();
    }
    /// Runs until the first painted rows, then on until @p settled() has held for 300 ms (the
    /// rest of a load can stall the GUI after its first rows, as QFileSystemModel's sorting does).
    double run(QWidget *viewport, const std::function<bool()> &settled, qint64 *stall,
               qint64 timeoutMs = 60000)
    {
        QElapsedTimer guard;
        guard.start();
        while (!m_done && guard.elapsed() < timeoutMs) {
            viewport->update();
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
        }
        QElapsedTimer quiet;
        while (guard.elapsed() < timeoutMs) {
            if (!settled()) {
                quiet.invalidate();
            } else if (!quiet.isValid()) {
                quiet.start();
            } else if (quiet.elapsed() > 300) {
                break;
            }
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
        }
        m_ticker.stop();
        *stall = m_maxGap;
        return m_done ? m_paintedNs / 1e6 : -1;
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (!m_done && event->type() == QEvent::Paint && m_rows() > 0 && m_clock.isValid()) {
            // The rows are painted when the paint event returns: read the clock right after.
            QTimer::singleShot(0, this, [this] {
                if (!m_done) {
                    m_paintedNs = m_clock.nsecsElapsed();
                    m_maxGap = std::max(m_maxGap, m_sinceTick.restart());
                    m_done = true;
                }
            });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    std::function<int()> m_rows;
    QElapsedTimer m_clock;
    QElapsedTimer m_sinceTick;
    QTimer m_ticker;
    qint64 m_maxGap = 0;
    qint64 m_paintedNs = 0;
    bool m_done = false;
};

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    const QString big = QString::fromLocal8Bit(argv[1]);
    QTemporaryDir empty;

    // The Files tab: show an empty folder, then open the big one.
    qint64 stall = 0;
    double listMs = -1;
    int rows = 0;
    {
        FilesPanel panel;
        panel.setDirectory(empty.path());
        panel.resize(1100, 700);
        panel.show();
        QElapsedTimer settle;
        settle.start();
        while (settle.elapsed() < 500) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        }
        PaintProbe probe(panel.view()->viewport(), [&] { return panel.model()->rowCount(); });
        probe.start();
        panel.setDirectory(big);
        listMs = probe.run(
            panel.view()->viewport(), [&] { return !panel.model()->isLoading(); }, &stall);
        rows = panel.model()->rowCount();
    }

    // QFileSystemModel in a QTreeView, sorted by name like the panel.
    qint64 qfsmStall = 0;
    double qfsmMs = -1;
    {
        QFileSystemModel model;
        QTreeView view;
        view.setUniformRowHeights(true);
        view.setSortingEnabled(true);
        view.sortByColumn(0, Qt::AscendingOrder);
        view.setModel(&model);
        view.setRootIndex(model.setRootPath(empty.path()));
        view.resize(1100, 700);
        view.show();
        QElapsedTimer settle;
        settle.start();
        while (settle.elapsed() < 500) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        }
        PaintProbe probe(view.viewport(),
                         [&] { return model.rowCount(view.rootIndex()); });
        bool loaded = false;
        QObject::connect(&model, &QFileSystemModel::directoryLoaded, &model,
                         [&](const QString &path) { loaded = loaded || path == big; });
        probe.start();
        view.setRootIndex(model.setRootPath(big));
        qfsmMs = probe.run(view.viewport(), [&] { return loaded; }, &qfsmStall);
    }

    std::printf("list_100k_ms=%.1f list_100k_stall_ms=%lld rows=%d qfsm_100k_ms=%.1f "
                "qfsm_100k_stall_ms=%lld\n",
                listMs, static_cast<long long>(stall), rows, qfsmMs,
                static_cast<long long>(qfsmStall));
    return listMs < 0 ? 1 : 0;
}
