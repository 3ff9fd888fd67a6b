#include "common/jsonlines.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace stdlab::jsonlines {

QByteArray processLine(const QByteArray &line, const Handler &handler,
                       const MalformedHandler &malformed)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &parseError);
    QJsonObject response;
    if (parseError.error != QJsonParseError::NoError) {
        response = malformed(QStringLiteral("invalid JSON at offset %1: %2")
                                 .arg(parseError.offset)
                                 .arg(parseError.errorString()));
        response.insert(QStringLiteral("id"), QJsonValue::Null);
    } else if (!doc.isObject()) {
        response = malformed(QStringLiteral("request must be a JSON object"));
        response.insert(QStringLiteral("id"), QJsonValue::Null);
    } else {
        const QJsonObject request = doc.object();
        response = handler(request);
        response.insert(QStringLiteral("id"), request.value(QStringLiteral("id")));
        if (!request.contains(QStringLiteral("id"))) {
            response.insert(QStringLiteral("id"), QJsonValue::Null);
        }
    }
    return QJsonDocument(response).toJson(QJsonDocument::Compact);
}

int run(const Handler &handler, const MalformedHandler &malformed, FILE *in, FILE *out)
{
    QByteArray line;
    char buffer[65536];
    auto flushLine = [&] {
        if (line.endsWith('\r')) {
            line.chop(1);
        }
        if (!line.trimmed().isEmpty()) {
            const QByteArray response = processLine(line, handler, malformed);
            std::fwrite(response.constData(), 1, size_t(response.size()), out);
            std::fputc('\n', out);
            std::fflush(out);
        }
        line.clear();
    };
    while (std::fgets(buffer, sizeof buffer, in)) {
        const size_t n = std::strlen(buffer);
        if (n > 0 && buffer[n - 1] == '\n') {
            line.append(buffer, qsizetype(n - 1));
            flushLine();
        } else {
            line.append(buffer, qsizetype(n));
        }
    }
    flushLine();
    return 0;
}

} // namespace stdlab::jsonlines
