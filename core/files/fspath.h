#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

/**
 * File names as the kernel holds them (bytes) and as Python holds them (str): os.fsdecode and
 * os.fsencode on a UTF-8 filesystem, i.e. UTF-8 with the surrogateescape error handler. Every
 * byte that is not part of valid UTF-8 becomes the lone surrogate U+DC80..U+DCFF and back, so
 * b'caf\xe9.txt' is 'caf\udce9.txt' and encodes back to the same bytes. QFile::decodeName()
 * turns such bytes into U+FFFD, which loses the name (and can reach another file named with a
 * real U+FFFD): every path of the Files area goes through these two functions instead.
 */
namespace stdlab::files {

/// os.fsdecode(bytes): lossless; fsEncode(fsDecode(b)) == b for every byte string.
QString fsDecode(const QByteArray &bytes);
/// os.fsencode(str): U+DC80..U+DCFF become the bytes 0x80..0xFF, the rest UTF-8.
QByteArray fsEncode(const QString &path);
/// Whether @p name holds an escaped byte (its bytes are not valid UTF-8).
bool hasEscapedBytes(const QString &name);
/// A name as a list shows it: as is, or as Python's repr() ('caf\udce9.txt', 'a\nb') when it
/// holds bytes that are not UTF-8 or characters that cannot be shown on one line.
QString displayName(const QString &name);

/**
 * Where @p path leads, as an absolute path without symlinks, "." or "..": the longest prefix
 * that exists goes through realpath() (symlinks and ".." as the kernel resolves them), the
 * missing rest is joined lexically (a ".." in it climbs back into the resolved part). Relative
 * paths start at the process's working directory. It says where a copy would write before
 * anything is created there.
 */
QByteArray resolvedPath(const QByteArray &path);
/// @p inner is @p outer or lies under it (both resolved).
bool isInsideResolved(const QByteArray &inner, const QByteArray &outer);

} // namespace stdlab::files
