// bench_regex_stall TEXT_FILE PATTERN: the Regex tab (offscreen) opens TEXT_FILE; then the
// pattern field is cleared and PATTERN typed one character every 120 ms, while a 1 ms timer
// measures the longest gap of the GUI event loop (the panel re-matches the whole text after
// every keystroke, cancelling the run before). Prints key=value figures: load_ms (open + first
// matches), load_stall_ms (the longest stall during that), max_stall_ms (while typing and until
// the last run ends), final_ms (last key -> last result), matches (of the last run). The slowest
// GUI events are named on stderr. Memory: rss_empty_mb (the panel before the file),
// rss_loaded_mb (the file shown and matched by the panel's first pattern), peak_rss_mb (the
// process's peak), panel_peak_mb (peak - empty: what the file, its document and the matches
// cost the panel at most), text_mb (the text as a QString), document_mb (the heap a
// QTextDocument of the text takes by itself, as the editor's, measured apart at the end) and
// matches_mb (what the last run's matches take in the model). load_ms ends when the file is
// all in the editor and matched.
#include "regex/regexmodel.h"
#include "regex/regexpanel.h"

#include "common/pyrepr.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QKeyEvent>
#include <QPlainTextDocumentLayout>
#include <QPlainTextEdit>
#include <QTextDocument>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

using namespace stdlab::re;

namespace {

qint64 threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// Times every event the GUI thread delivers, to name the slowest ones (printed on stderr): what
// a stall is made of.
class TimedApplication : public QApplication
{
public:
    using QApplication::QApplication;
    const char *phase = "load";
    struct Slow
    {
        qint64 ms;
        qint64 cpuMs;
        QString what;
    };
    std::vector<Slow> slowest;

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (m_depth > 0) {
            return QApplication::notify(receiver, event);
        }
        const int type = event->type();
        const QString what = QLatin1String(phase) + QLatin1Char(' ')
            + QString::fromLatin1(receiver->metaObject()->className())
            + QLatin1Char('/') + receiver->objectName() + QLatin1String(" event ")
            + QString::number(type);
        QElapsedTimer t;
        t.start();
        const qint64 cpuStart = threadCpuNs();
        ++m_depth;
        const bool result = QApplication::notify(receiver, event);
        --m_depth;
        const qint64 ms = t.elapsed();
        if (ms >= 5) {
            // The thread's CPU time tells its own work from the machine's other loads.
            slowest.push_back({ms, (threadCpuNs() - cpuStart) / 1'000'000, what});
        }
        return result;
    }

private:
    int m_depth = 0;
};

double residentMb()
{
    long pages = 0;
    long resident = 0;
    if (FILE *f = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) {
            resident = 0;
        }
        std::fclose(f);
    }
    return double(resident) * double(sysconf(_SC_PAGESIZE)) / 1e6;
}

// Heap bytes in use (every arena, and the blocks malloc maps by themselves).
double heapMb()
{
    const struct mallinfo2 info = mallinfo2();
    return double(info.uordblks + info.hblkhd) / 1e6;
}

// What a QTextDocument of @p path's text takes by itself, laid out as the editor's document is
// (plain text layout, lines laid out when shown: none here).
double documentMb(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return -1;
    }
    const QString text = stdlab::py::readText(file.readAll());
    const double before = heapMb();
    double after = before;
    {
        QTextDocument document;
        document.setDocumentLayout(new QPlainTextDocumentLayout(&document));
        document.setUndoRedoEnabled(false);
        document.setPlainText(text);
        after = heapMb();
    }
    return after - before;
}

double peakMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) * 1024 / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: bench_regex_stall TEXT_FILE PATTERN\n");
        return 2;
    }
    qputenv("QT_QPA_PLATFORM", "offscreen");
    TimedApplication app(argc, argv);
    const QString path = QString::fromLocal8Bit(argv[1]);
    const QString pattern = QString::fromUtf8(argv[2]);

    RegexPanel panel;
    panel.resize(1200, 800);
    panel.show();
    auto *patternEdit = panel.findChild<QPlainTextEdit *>(QStringLiteral("pattern"));
    RegexModel *model = panel.model();

    QElapsedTimer clock;
    clock.start();
    qint64 loadMs = -1;
    qint64 lastKeyAt = -1;
    qint64 finalMs = -1;
    qint64 maxStall = 0;
    qint64 loadStall = 0; // the longest stall while the file is read, shown and first matched
    qint64 lastTick = -1;
    double rssEmpty = 0;
    double rssLoaded = 0;
    int typed = -1; // -1: the pattern is cleared first (a keystroke too)
    bool measuring = false;

    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(1);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        const qint64 now = clock.elapsed();
        if (lastTick >= 0) {
            qint64 &stall = measuring ? maxStall : loadStall;
            stall = std::max(stall, now - lastTick);
        }
        lastTick = now;
    });

    QTimer typist;
    typist.setInterval(120);
    QObject::connect(&typist, &QTimer::timeout, [&] {
        if (typed == pattern.size()) {
            typist.stop();
            return;
        }
        if (typed < 0) {
            patternEdit->selectAll();
            QKeyEvent del(QEvent::KeyPress, Qt::Key_Delete, Qt::NoModifier);
            QApplication::sendEvent(patternEdit, &del);
            ++typed;
            lastKeyAt = clock.elapsed();
            return;
        }
        const QString ch = pattern.mid(typed, 1);
        QKeyEvent press(QEvent::KeyPress, 0, Qt::NoModifier, ch);
        QKeyEvent release(QEvent::KeyRelease, 0, Qt::NoModifier, ch);
        QApplication::sendEvent(patternEdit, &press);
        QApplication::sendEvent(patternEdit, &release);
        ++typed;
        lastKeyAt = clock.elapsed();
    });

    bool fileShown = false;
    auto startTyping = [&] {
        if (loadMs < 0 && fileShown && !model->isRunning() && model->text().size() > 1000) {
            // The file is shown and matched: start typing over it.
            loadMs = clock.elapsed();
            rssLoaded = residentMb();
            measuring = true;
            app.phase = "typing";
            lastTick = -1;
            typist.start();
        }
    };
    QObject::connect(&panel, &RegexPanel::fileLoaded, [&](bool ok) {
        if (!ok) {
            std::fprintf(stderr, "bench_regex_stall: cannot read %s\n", argv[1]);
            app.exit(1);
            return;
        }
        fileShown = true;
        startTyping();
    });
    QObject::connect(model, &RegexModel::finished, [&] {
        if (loadMs < 0) {
            startTyping();
            return;
        }
        if (measuring && typed == pattern.size() && model->pattern() == pattern) {
            finalMs = clock.elapsed() - lastKeyAt;
            // A little longer, to catch anything after the last result (painting).
            QTimer::singleShot(500, &app, [&] {
                // The document is measured after the peak is read (it would raise the peak).
                const double peak = peakMb();
                const double documentCost = documentMb(path);
                std::printf("load_ms=%lld load_stall_ms=%lld max_stall_ms=%lld final_ms=%lld "
                            "matches=%lld rss_empty_mb=%.0f rss_loaded_mb=%.0f peak_rss_mb=%.0f "
                            "panel_peak_mb=%.0f text_mb=%.1f document_mb=%.1f matches_mb=%.1f\n",
                            static_cast<long long>(loadMs), static_cast<long long>(loadStall),
                            static_cast<long long>(maxStall),
                            static_cast<long long>(finalMs),
                            static_cast<long long>(model->matchCount()), rssEmpty, rssLoaded,
                            peak, peak - rssEmpty, double(model->text().size()) * 2 / 1e6,
                            documentCost,
                            double(model->matches().bytes()) / 1e6);
                // The slowest by wall time, then by the GUI thread's own CPU time.
                auto print = [&](const char *by, auto key) {
                    std::sort(app.slowest.begin(), app.slowest.end(),
                              [&](const auto &a, const auto &b) { return key(a) > key(b); });
                    for (size_t i = 0; i < std::min<size_t>(6, app.slowest.size()); ++i) {
                        const auto &e = app.slowest[i];
                        std::fprintf(stderr, "slow event (%s): %lld ms, cpu %lld ms: %s\n", by,
                                     static_cast<long long>(e.ms),
                                     static_cast<long long>(e.cpuMs), qPrintable(e.what));
                    }
                };
                print("wall", [](const TimedApplication::Slow &e) { return e.ms; });
                print("cpu", [](const TimedApplication::Slow &e) { return e.cpuMs; });
                app.quit();
            });
        }
    });
    // The window is shown and painted first (its first paint is not part of opening a file).
    QTimer::singleShot(300, &panel, [&] {
        ticker.start();
        rssEmpty = residentMb();
        panel.openFile(path);
    });
    QTimer::singleShot(600000, &app, [&] {
        std::fprintf(stderr, "bench_regex_stall: timed out\n");
        app.exit(1);
    });
    return app.exec();
}
