#include "common/jsonlines.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <new>
#include <vector>

namespace stdlab::jsonlines {

QByteArray processLine(const QByteArray &line, const Handler &handler,
                       const MalformedHandler &malformed)
{
    QJsonParseError parseError;
    // Qt's parser drops a U+FEFF that starts a string (taken for a byte order mark): the same
    // character written as an escape is kept. Outside strings both forms are invalid JSON.
    static const QByteArray bom("\xEF\xBB\xBF");
    const QJsonDocument doc = QJsonDocument::fromJson(
        line.contains(bom) ? QByteArray(line).replace(bom, QByteArrayLiteral("\\ufeff")) : line,
        &parseError);
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

int run(const Handler &handler, const MalformedHandler &malformed, FILE *in, FILE *out,
        qsizetype maxLineBytes)
{
    QByteArray line;
    bool tooLong = false;
    auto respond = [&](const QByteArray &response) {
        std::fwrite(response.constData(), 1, size_t(response.size()), out);
        std::fputc('\n', out);
        std::fflush(out);
    };
    auto flushLine = [&] {
        if (tooLong) {
            QJsonObject response = malformed(
                QStringLiteral("request line longer than %1 bytes").arg(maxLineBytes));
            response.insert(QStringLiteral("id"), QJsonValue::Null);
            respond(QJsonDocument(response).toJson(QJsonDocument::Compact));
        } else {
            if (line.endsWith('\r')) {
                line.chop(1);
            }
            if (!line.trimmed().isEmpty()) {
                QByteArray response;
                try {
                    response = processLine(line, handler, malformed);
                } catch (const std::bad_alloc &) {
                    line = QByteArray();
                    QJsonObject error = malformed(QStringLiteral("out of memory"));
                    error.insert(QStringLiteral("id"), QJsonValue::Null);
                    response = QJsonDocument(error).toJson(QJsonDocument::Compact);
                }
                respond(response);
            }
        }
        line.clear();
        tooLong = false;
    };
    // Lines are split on '\n' bytes only: a NUL inside a line is the line's (fgets + strlen
    // took it for the end and merged the line with the next one, which went unanswered).
    std::vector<char> buffer(1 << 16);
    while (true) {
        const size_t n = std::fread(buffer.data(), 1, buffer.size(), in);
        if (n == 0) {
            break;
        }
        const char *p = buffer.data();
        const char *end = p + n;
        while (p < end) {
            const char *nl = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
            const char *stop = nl ? nl : end;
            if (!tooLong) {
                if (line.size() + (stop - p) > maxLineBytes) {
                    tooLong = true;
                    line = QByteArray(); // its memory back at once
                } else {
                    line.append(p, qsizetype(stop - p));
                }
            }
            if (!nl) {
                break;
            }
            flushLine();
            p = nl + 1;
        }
    }
    flushLine();
    return 0;
}

} // namespace stdlab::jsonlines
