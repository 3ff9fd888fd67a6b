#include "regex/regexcli.h"

#include "common/cli.h"

namespace stdlab {

int runRegexCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("stdlab regex: Python re functions"));
    parser.addPositionalArgument(QStringLiteral("args"), QStringLiteral("FUNCTION PATTERN [TEXT | --file F | -] | --batch"));
    if (const auto code = cli::parse(parser, arguments, QStringLiteral("FUNCTION PATTERN [TEXT | --file F | -] | --batch"))) {
        return *code;
    }
    cli::err() << "stdlab " << arguments.value(0) << ": not available in this build yet\n";
    return cli::Failure;
}

} // namespace stdlab
