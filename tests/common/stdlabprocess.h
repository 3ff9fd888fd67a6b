#pragma once

// Runs the built `stdlab` binary (path from the STDLAB_BINARY environment set by ctest).
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTest>

struct ProcessResult
{
    int exitCode = -1;
    bool crashed = false;
    bool timedOut = false;
    QByteArray out;
    QByteArray err;
};

inline QString stdlabBinary()
{
    return qEnvironmentVariable("STDLAB_BINARY");
}

/// Runs @p program (default: stdlab) with @p args, feeding @p input; waits at most @p timeoutMs.
inline ProcessResult runProcess(const QStringList &args, const QByteArray &input = {},
                                int timeoutMs = 60000, const QString &program = stdlabBinary(),
                                const QProcessEnvironment &env =
                                    QProcessEnvironment::systemEnvironment())
{
    ProcessResult r;
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
    if (!p.waitForStarted(10000)) {
        r.err = p.errorString().toUtf8();
        return r;
    }
    if (!input.isEmpty()) {
        p.write(input);
    }
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        r.timedOut = true;
        p.kill();
        p.waitForFinished(5000);
    }
    r.crashed = p.exitStatus() == QProcess::CrashExit;
    r.exitCode = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

inline ProcessResult runStdlab(const QStringList &args, const QByteArray &input = {},
                               int timeoutMs = 60000)
{
    return runProcess(args, input, timeoutMs);
}
