#pragma once

#include <QByteArray>
#include <QCryptographicHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <optional>

/** hashlib's digests of files, and checking a SHA256SUMS-style list (issue 18). */
namespace stdlab::files {

/// hashlib's name -> the algorithm: md5, sha1, sha224, sha256, sha384, sha512, sha3_224,
/// sha3_256, sha3_384, sha3_512, blake2b (64 bytes, hashlib's default), blake2s (32 bytes).
std::optional<QCryptographicHash::Algorithm> hashAlgorithm(const QString &name);
/// The names hashAlgorithm() knows, in that order.
QStringList hashAlgorithmNames();

struct DigestResult
{
    QByteArray hex; ///< lower-case hexdigest(); empty on failure
    QString exception; ///< Python's exception class on failure ("FileNotFoundError")
    QString message; ///< str() of it ("[Errno 2] No such file or directory: 'x'")
    bool cancelled = false;
    bool ok() const { return !hex.isEmpty(); }
};

/// hashlib.file_digest(open(path, "rb"), name).hexdigest(): read 1 MiB at a time (bounded
/// memory whatever the size); @p cancel is looked at between reads.
DigestResult fileDigest(const QString &path, QCryptographicHash::Algorithm algorithm,
                        const std::atomic<bool> *cancel = nullptr);

/// The digest of what @p fd holds from offset 0 to its end (pread: the offset is not moved;
/// a pipe is read from where it is),
/// 1 MiB at a time; 0, or an errno (ECANCELED when @p cancel was set between two reads).
int digestOf(int fd, QCryptographicHash::Algorithm algorithm, QByteArray *digest,
             const std::atomic<bool> *cancel = nullptr);

/// One line of a sums file as sha256sum writes it: "HEX  NAME" (text) or "HEX *NAME" (binary).
struct SumsEntry
{
    QByteArray hex;
    QString path;
};
struct SumsFile
{
    QList<SumsEntry> entries;
    int improper = 0; ///< lines that are not "HEX  NAME"
};
SumsFile parseSums(const QByteArray &contents);

} // namespace stdlab::files
