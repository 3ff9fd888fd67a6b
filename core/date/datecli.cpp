#include "date/datecli.h"

#include "common/cli.h"

namespace stdlab {

int runDateCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("stdlab date: datetime calculator with Python's semantics"));
    parser.addPositionalArgument(QStringLiteral("args"), QStringLiteral("now|diff|add|format|parse|convert ... | --batch"));
    if (const auto code = cli::parse(parser, arguments, QStringLiteral("now|diff|add|format|parse|convert ... | --batch"))) {
        return *code;
    }
    cli::err() << "stdlab " << arguments.value(0) << ": not available in this build yet\n";
    return cli::Failure;
}

} // namespace stdlab
