// bench_files_copytree SRC DST [--no-fsync]: StdLab's copytree engine (the same JobRunner the
// Files panel runs in its worker thread), timed; prints "ms=N files=N bytes=N errors=N".
#include "files/fileworker.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3) {
        std::fprintf(stderr, "usage: bench_files_copytree SRC DST [--no-fsync]\n");
        return 2;
    }
    stdlab::files::JobRequest request = stdlab::files::JobRequest::single(
        stdlab::files::JobKind::Copy, args.at(1), args.at(2));
    request.durable = !args.contains(QStringLiteral("--no-fsync"));
    request.conflictPolicy = stdlab::files::ConflictPolicy::Fail;
    QElapsedTimer timer;
    timer.start();
    const stdlab::files::JobSummary summary = stdlab::files::runJob(request);
    const qint64 ms = timer.elapsed();
    QTextStream out(stdout);
    out << "ms=" << ms << " files=" << summary.files << " dirs=" << summary.directories
        << " bytes=" << summary.bytes << " errors=" << summary.errors.size() << Qt::endl;
    for (const auto &e : summary.errors.mid(0, 5)) {
        QTextStream(stderr) << e.message << Qt::endl;
    }
    return summary.ok() ? 0 : 1;
}
