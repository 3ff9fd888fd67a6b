#include "netcli.h"

#include "common/cli.h"

namespace stdlab {

static int notYet(const QStringList &arguments, const QString &synopsis, const QString &desc)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(desc);
    parser.addPositionalArgument(QStringLiteral("args"), synopsis);
    if (const auto code = cli::parse(parser, arguments, synopsis)) {
        return *code;
    }
    cli::err() << "stdlab " << arguments.value(0) << ": not available in this build yet\n";
    return cli::Failure;
}

int runServeCommand(const QStringList &arguments)
{
    return notYet(arguments, QStringLiteral("tcp|udp --port P [options]"),
                  QStringLiteral("stdlab serve: TCP/UDP servers of the course"));
}

int runSendCommand(const QStringList &arguments)
{
    return notYet(arguments, QStringLiteral("tcp|udp HOST:PORT [MESSAGE...]"),
                  QStringLiteral("stdlab send: TCP/UDP clients of the course"));
}

} // namespace stdlab
