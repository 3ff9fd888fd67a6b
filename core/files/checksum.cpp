#include "files/checksum.h"

#include "files/fspath.h"
#include "files/fsresult.h"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace stdlab::files {

namespace {

struct Known
{
    const char *name;
    QCryptographicHash::Algorithm algorithm;
};
const Known kKnown[] = {
    {"md5", QCryptographicHash::Md5},
    {"sha1", QCryptographicHash::Sha1},
    {"sha224", QCryptographicHash::Sha224},
    {"sha256", QCryptographicHash::Sha256},
    {"sha384", QCryptographicHash::Sha384},
    {"sha512", QCryptographicHash::Sha512},
    {"sha3_224", QCryptographicHash::RealSha3_224},
    {"sha3_256", QCryptographicHash::RealSha3_256},
    {"sha3_384", QCryptographicHash::RealSha3_384},
    {"sha3_512", QCryptographicHash::RealSha3_512},
    {"blake2b", QCryptographicHash::Blake2b_512},
    {"blake2s", QCryptographicHash::Blake2s_256},
};

constexpr qsizetype kChunk = qsizetype(1) << 20;

DigestResult osError(int errnum, const QString &path)
{
    DigestResult r;
    r.exception = osErrorType(errnum);
    r.message = osErrorMessage(errnum, path);
    return r;
}

} // namespace

std::optional<QCryptographicHash::Algorithm> hashAlgorithm(const QString &name)
{
    for (const Known &k : kKnown) {
        if (name == QLatin1String(k.name)) {
            return k.algorithm;
        }
    }
    return std::nullopt;
}

QStringList hashAlgorithmNames()
{
    QStringList names;
    for (const Known &k : kKnown) {
        names << QLatin1String(k.name);
    }
    return names;
}

DigestResult fileDigest(const QString &path, QCryptographicHash::Algorithm algorithm,
                        const std::atomic<bool> *cancel)
{
    const QByteArray native = fsEncode(path);
    if (native.contains('\0')) {
        DigestResult r;
        r.exception = QStringLiteral("ValueError");
        r.message = QStringLiteral("embedded null byte");
        return r;
    }
    // open(path, "rb") as CPython does it: O_RDONLY|O_CLOEXEC, then a folder is refused.
    // O_NONBLOCK: opening a named pipe with no writer would wait forever (python3 does).
    const int fd = ::open(native.constData(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        return osError(errno, path);
    }
    struct stat st;
    if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        ::close(fd);
        return osError(EISDIR, path);
    }
    // A pipe, socket or device has no checksum of its own (/dev/zero never ends): refused as
    // shutil refuses to copy them, with its SpecialFileError text.
    if (!S_ISREG(st.st_mode)) {
        ::close(fd);
        DigestResult r;
        r.exception = QStringLiteral("SpecialFileError");
        r.message = QLatin1Char('`') + path + QLatin1String("` ")
            + (S_ISFIFO(st.st_mode)       ? QStringLiteral("is a named pipe")
                   : S_ISSOCK(st.st_mode) ? QStringLiteral("is a socket")
                                          : QStringLiteral("is a device"));
        return r;
    }
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    QByteArray digest;
    const int e = digestOf(fd, algorithm, &digest, cancel);
    ::close(fd);
    if (e == ECANCELED) {
        DigestResult r;
        r.cancelled = true;
        return r;
    }
    if (e) {
        return osError(e, path);
    }
    DigestResult r;
    r.hex = digest.toHex();
    return r;
}

int digestOf(int fd, QCryptographicHash::Algorithm algorithm, QByteArray *digest,
             const std::atomic<bool> *cancel)
{
    QCryptographicHash hash(algorithm);
    QByteArray buffer(kChunk, Qt::Uninitialized);
    bool seekable = true; // a pipe (/dev/stdin) is read as it comes
    for (off_t offset = 0;;) {
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            return ECANCELED;
        }
        const ssize_t n = seekable ? ::pread(fd, buffer.data(), size_t(buffer.size()), offset)
                                   : ::read(fd, buffer.data(), size_t(buffer.size()));
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            if (errno == ESPIPE && seekable) {
                seekable = false;
                continue;
            }
            return errno;
        }
        if (n == 0) {
            break;
        }
        hash.addData(QByteArrayView(buffer.constData(), qsizetype(n)));
        offset += n;
    }
    *digest = hash.result();
    return 0;
}

SumsFile parseSums(const QByteArray &contents)
{
    SumsFile out;
    for (QByteArray line : contents.split('\n')) {
        if (line.endsWith('\r')) {
            line.chop(1);
        }
        if (line.isEmpty()) {
            continue;
        }
        const qsizetype space = line.indexOf(' ');
        const QByteArray hex = line.left(space).toLower();
        const bool hexOk = space > 0 && std::all_of(hex.begin(), hex.end(), [](char c) {
            return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
        });
        if (!hexOk || line.size() < space + 3
            || (line.at(space + 1) != ' ' && line.at(space + 1) != '*')) {
            ++out.improper;
            continue;
        }
        out.entries.append(SumsEntry{hex, fsDecode(line.mid(space + 2))});
    }
    return out;
}

} // namespace stdlab::files
