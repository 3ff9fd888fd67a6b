#pragma once

#include <QJsonObject>

#include <functional>
#include <cstdio>
#include <cstring>

/** JSON Lines request/response loop shared by `stdlab date --batch` and `stdlab regex --batch`. */
namespace stdlab::jsonlines {

/// Handles one well-formed request object; returns the response without "id" (added here).
using Handler = std::function<QJsonObject(const QJsonObject &request)>;
/// Builds the response body for a line that is not a JSON object (e.g. {"error": "..."}).
using MalformedHandler = std::function<QJsonObject(const QString &message)>;

/**
 * Reads requests from @p in line by line until EOF, writes one compact JSON object per request
 * to @p out in the same order and flushes after each. "id" is echoed back when present. Blank
 * lines are skipped. Returns 0.
 */
int run(const Handler &handler, const MalformedHandler &malformed, FILE *in = stdin,
        FILE *out = stdout);

/// Processes a single line (exposed for tests); returns the serialized response, no newline.
QByteArray processLine(const QByteArray &line, const Handler &handler,
                       const MalformedHandler &malformed);

} // namespace stdlab::jsonlines
