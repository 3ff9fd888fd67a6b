#pragma once

#include "filejob.h"

#include <QString>
#include <QStringList>

/**
 * The Python statements equivalent to each file operation, as the course writes them
 * (`shutil.copytree("fotos", "copia/fotos", symlinks=True)`, `os.makedirs("a/b", exist_ok=True)`).
 * Each function returns statements without imports; program() adds the imports they need.
 */
namespace stdlab::files::python {

/// "import os\nimport shutil\n\n" + statements (only the modules the statements use).
QString program(const QString &statements);

QString exists(const QString &path);
QString isfile(const QString &path);
QString isdir(const QString &path);
QString islink(const QString &path);
QString mkdir(const QString &path);
QString makedirs(const QString &path, bool existOk = false);
QString createFile(const QString &path);
QString listdir(const QString &path);
QString remove(const QString &path);
QString rmdir(const QString &path);
QString removedirs(const QString &path);
QString rename(const QString &src, const QString &dst);
QString getsize(const QString &path);

QString copy2(const QString &src, const QString &dst);
QString copytree(const QString &src, const QString &dst, bool followSymlinks = false,
                 bool dirsExistOk = false);
QString move(const QString &src, const QString &dst);
/// print(shutil.make_archive(base, format, root_dir=dirname(item), base_dir=basename(item))).
QString makeArchive(const QString &base, const QString &format, const QString &item);
/// shutil.unpack_archive(archive, dest, filter="data") for a tar; without filter= for a zip
/// (3.11 refuses it), each with why in a comment.
QString unpackArchive(const QString &archive, const QString &dest);
QString rmtree(const QString &path);
/// The files, folders and bytes of @p paths, counted as the Size job counts them (os.walk and
/// os.lstat, links not followed, hard links once), printed as one line "files folders bytes".
QString diskUsage(const QStringList &paths);

/**
 * The batch rename of @p names in @p folder, as applyRenames() does it: re.sub on each name,
 * the collision check (a new name used twice, or one that is there and stays, or no valid
 * name), then every file to a temporary name and to its new name, undone on an error.
 * @p flags are re's flag values (re.IGNORECASE == 2...), @p count 0 for all.
 */
QString batchRename(const QString &folder, const QStringList &names, const QString &pattern,
                    const QString &repl, int flags, qsizetype count = 0);

/// os.path.join(...), basename, dirname, split, splitext, abspath, normpath as expressions.
QString pathCall(const QString &function, const QStringList &args);

/// tempfile.mkstemp() / tempfile.mkdtemp() and their removal.
/// tempfile.mkstemp()/mkdtemp(), with prefix= when the panel named its item (not "tmp").
QString temporaryFile(const QString &prefix = {});
QString temporaryDirectory(const QString &prefix = {});

/**
 * The statements of a whole job; @p isDirectory tells, for each item, whether its source is a
 * directory (copytree vs copy2, rmtree vs remove). Trash has no standard-library call: a comment.
 */
QString job(const JobRequest &request, const QList<bool> &isDirectory);
/// JobRequest::verify in Python: same_data() compares hashlib.file_digest(f, "blake2b") of a
/// source and its copy; every regular file of a tree (os.walk, links skipped) is compared.
QString verifiedCopies(const QList<JobItem> &items, const QList<bool> &isDirectory);
/// Same, looking the sources up on disk (lstat) to choose copy2/copytree and remove/rmtree.
QString job(const JobRequest &request);

} // namespace stdlab::files::python
