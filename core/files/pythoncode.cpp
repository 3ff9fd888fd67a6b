#include "pythoncode.h"

#include "common/pyrepr.h"
#include "fspath.h"
#include "posixpath.h"
#include "regex/regexexplain.h"

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>

#include <sys/stat.h>

namespace stdlab::files::python {

namespace {

QString lit(const QString &s)
{
    return py::literal(s);
}

QString call(const QString &function, const QStringList &args)
{
    QStringList literals;
    for (const QString &a : args) {
        literals.append(lit(a));
    }
    return function + QLatin1Char('(') + literals.join(QLatin1String(", ")) + QLatin1Char(')');
}

QString line(const QString &statement)
{
    return statement + QLatin1Char('\n');
}

QString printed(const QString &expression)
{
    return line(QLatin1String("print(") + expression + QLatin1Char(')'));
}

bool uses(const QString &code, const QString &module)
{
    static const QRegularExpression word(QStringLiteral("(?<![\\w.])(\\w+)\\."));
    auto it = word.globalMatch(code);
    // Words inside string literals could match too; module names in paths are harmless
    // enough (an extra import), and the course's paths rarely look like "os.".
    while (it.hasNext()) {
        if (it.next().captured(1) == module) {
            return true;
        }
    }
    return false;
}

} // namespace

QString program(const QString &statements)
{
    QString imports;
    for (const char *module : {"hashlib", "os", "re", "shutil", "stat", "tempfile"}) {
        if (uses(statements, QLatin1String(module))) {
            imports += QLatin1String("import ") + QLatin1String(module) + QLatin1Char('\n');
        }
    }
    return imports.isEmpty() ? statements : imports + QLatin1Char('\n') + statements;
}

QString exists(const QString &path)
{
    return printed(call(QStringLiteral("os.path.exists"), {path}));
}

QString isfile(const QString &path)
{
    return printed(call(QStringLiteral("os.path.isfile"), {path}));
}

QString isdir(const QString &path)
{
    return printed(call(QStringLiteral("os.path.isdir"), {path}));
}

QString islink(const QString &path)
{
    return printed(call(QStringLiteral("os.path.islink"), {path}));
}

QString mkdir(const QString &path)
{
    return line(call(QStringLiteral("os.mkdir"), {path}));
}

QString makedirs(const QString &path, bool existOk)
{
    QString c = call(QStringLiteral("os.makedirs"), {path});
    if (existOk) {
        c.chop(1);
        c += QLatin1String(", exist_ok=True)");
    }
    return line(c);
}

QString createFile(const QString &path)
{
    return line(QLatin1String("open(") + lit(path) + QLatin1String(", \"x\").close()"));
}

QString listdir(const QString &path)
{
    return printed(call(QStringLiteral("os.listdir"), {path}));
}

QString remove(const QString &path)
{
    return line(call(QStringLiteral("os.remove"), {path}));
}

QString rmdir(const QString &path)
{
    return line(call(QStringLiteral("os.rmdir"), {path}));
}

QString removedirs(const QString &path)
{
    return line(call(QStringLiteral("os.removedirs"), {path}));
}

QString rename(const QString &src, const QString &dst)
{
    return line(call(QStringLiteral("os.rename"), {src, dst}));
}

QString getsize(const QString &path)
{
    return printed(call(QStringLiteral("os.path.getsize"), {path}));
}

QString copy2(const QString &src, const QString &dst)
{
    return line(call(QStringLiteral("shutil.copy2"), {src, dst}));
}

QString copytree(const QString &src, const QString &dst, bool followSymlinks, bool dirsExistOk)
{
    QString c = call(QStringLiteral("shutil.copytree"), {src, dst});
    c.chop(1);
    // copytree's own default is symlinks=False (copy what links point to); StdLab keeps links.
    if (!followSymlinks) {
        c += QLatin1String(", symlinks=True");
    }
    if (dirsExistOk) {
        c += QLatin1String(", dirs_exist_ok=True");
    }
    return line(c + QLatin1Char(')'));
}

QString makeArchive(const QString &base, const QString &format, const QString &item)
{
    QString root = posixpath::dirname(item);
    root = root.isEmpty() ? QStringLiteral(".") : root;
    return line(QLatin1String("# ")
                + QCoreApplication::translate("PythonCode",
                                              "root_dir: where the names start; base_dir: what "
                                              "goes in (its members are named from it)"))
        + printed(QStringLiteral("shutil.make_archive(%1, %2, root_dir=%3, base_dir=%4)")
                      .arg(lit(base), lit(format), lit(root), lit(posixpath::basename(item))));
}

QString unpackArchive(const QString &archive, const QString &dest)
{
    if (archive.endsWith(QLatin1String(".zip"), Qt::CaseInsensitive)) {
        return line(QLatin1String("# ")
                    + QCoreApplication::translate(
                        "PythonCode",
                        "A zip takes no filter= in Python 3.11 (TypeError): shutil skips names "
                        "that start with / or hold '..'; StdLab checks each member as the "
                        "\"data\" filter does and lists the ones it refuses."))
            + line(call(QStringLiteral("shutil.unpack_archive"), {archive, dest}));
    }
    return line(QLatin1String("# ")
                + QCoreApplication::translate(
                    "PythonCode",
                    "filter=\"data\" (PEP 706): a member that would land outside the folder, a "
                    "link out of it or to an absolute path, a device is refused; modes are "
                    "limited (no setuid, no group/other write)."))
        + line(QStringLiteral("shutil.unpack_archive(%1, %2, filter=\"data\")")
                   .arg(lit(archive), lit(dest)));
}

QString move(const QString &src, const QString &dst)
{
    return line(call(QStringLiteral("shutil.move"), {src, dst}));
}

QString rmtree(const QString &path)
{
    return line(call(QStringLiteral("shutil.rmtree"), {path}));
}

QString diskUsage(const QStringList &paths)
{
    // Counts as the engine's Size job does (fileworker.cpp, scan()): links are not followed (a
    // link to a folder is one file, which os.walk lists in dirs), a lone file counts, a file
    // with several hard links counts once, every real folder counts, one total for all items.
    QStringList literals;
    for (const QString &p : paths) {
        literals.append(lit(p));
    }
    return QLatin1String("files = 0\nfolders = 0\ntotal = 0\n"
                         "seen = set()  # files with several hard links count once\n\n\n"
                         "def count(full):\n"
                         "    global files, total\n"
                         "    st = os.lstat(full)\n"
                         "    if st.st_nlink > 1:\n"
                         "        if (st.st_dev, st.st_ino) in seen:\n"
                         "            return\n"
                         "        seen.add((st.st_dev, st.st_ino))\n"
                         "    files += 1\n"
                         "    if stat.S_ISREG(st.st_mode):\n"
                         "        total += st.st_size\n\n\n"
                         "for path in [")
        + literals.join(QLatin1String(", "))
        + QLatin1String("]:\n"
                        "    if os.path.islink(path) or not os.path.isdir(path):\n"
                        "        count(path)\n"
                        "        continue\n"
                        "    for root, dirs, names in os.walk(path):\n"
                        "        folders += 1\n"
                        "        links = [d for d in dirs if os.path.islink(os.path.join(root, d))]\n"
                        "        for name in names + links:\n"
                        "            count(os.path.join(root, name))\n"
                        "print(files, folders, total)\n");
}

QString batchRename(const QString &folder, const QStringList &names, const QString &pattern,
                    const QString &repl, int flags, qsizetype count)
{
    QString args = lit(pattern) + QLatin1String(", ") + lit(repl) + QLatin1String(", name");
    if (count > 0) {
        args += QLatin1String(", count=") + QString::number(count);
    }
    if (const QString f = re::flagsExpression(flags); !f.isEmpty()) {
        args += QLatin1String(", flags=") + f;
    }
    QStringList literals;
    for (const QString &n : names) {
        literals.append(lit(n));
    }
    return QLatin1String("folder = ") + lit(folder)
        + QLatin1String("\nnames = [") + literals.join(QLatin1String(", "))
        + QLatin1String("]\nplan = {}\nfor name in names:\n    new = re.sub(") + args
        + QLatin1String(
              ")\n"
              "    if new != name:\n"
              "        plan[name] = new\n\n"
              "# No new name may be used twice, be a name that is there and stays, or be no "
              "name.\n"
              "staying = set(os.listdir(folder)) - set(plan)\n"
              "seen = set()\n"
              "for new in plan.values():\n"
              "    if new in seen or new in staying:\n"
              "        raise SystemExit(f\"{new!r} is taken: nothing was renamed\")\n"
              "    seen.add(new)\n"
              "    if new in (\"\", \".\", \"..\") or \"/\" in new or \"\\0\" in new:\n"
              "        raise SystemExit(f\"{new!r} is not a valid name: nothing was renamed\")\n\n"
              "# All or nothing: every file to a temporary name, then to its new name (so a -> b\n"
              "# and b -> a both work); on an error every step done is undone, last first.\n"
              "done = []\n"
              "try:\n"
              "    for i, old in enumerate(plan):\n"
              "        temp = f\".stdlab-rename-{i}\"\n"
              "        os.rename(os.path.join(folder, old), os.path.join(folder, temp))\n"
              "        done.append((old, temp))\n"
              "    for i, new in enumerate(plan.values()):\n"
              "        temp = f\".stdlab-rename-{i}\"\n"
              "        os.rename(os.path.join(folder, temp), os.path.join(folder, new))\n"
              "        done.append((temp, new))\n"
              "except OSError:\n"
              "    for old, new in reversed(done):\n"
              "        os.rename(os.path.join(folder, new), os.path.join(folder, old))\n"
              "    raise\n"
              "for old, new in plan.items():\n"
              "    print(f\"{old!r} -> {new!r}\")\n");
}

QString pathCall(const QString &function, const QStringList &args)
{
    return printed(call(QLatin1String("os.path.") + function, args));
}

QString temporaryFile(const QString &prefix)
{
    const QString args = prefix.isEmpty() ? QString() : QStringLiteral("prefix=") + lit(prefix);
    return QStringLiteral("handle, path = tempfile.mkstemp(%1)\nos.close(handle)\nprint(path)\n")
        .arg(args);
}

QString temporaryDirectory(const QString &prefix)
{
    const QString args = prefix.isEmpty() ? QString() : QStringLiteral("prefix=") + lit(prefix);
    return QStringLiteral("path = tempfile.mkdtemp(%1)\nprint(path)\n").arg(args);
}

QString verifiedCopies(const QList<JobItem> &items, const QList<bool> &isDirectory)
{
    QString code = QLatin1String("# ")
        + QCoreApplication::translate("PythonCode",
                                      "Verify: read each copy back and compare its BLAKE2b with "
                                      "the source's. StdLab does it before the copy gets its "
                                      "name, and keeps no copy that differs.")
        + QLatin1String("\ndef same_data(a, b):\n"
                        "    with open(a, \"rb\") as fa, open(b, \"rb\") as fb:\n"
                        "        return (hashlib.file_digest(fa, \"blake2b\").digest()\n"
                        "                == hashlib.file_digest(fb, \"blake2b\").digest())\n\n"
                        "def verify(src, dst):\n"
                        "    if not same_data(src, dst):\n"
                        "        os.remove(dst)\n"
                        "        print(\"differs, removed:\", repr(dst))\n\n");
    for (qsizetype i = 0; i < items.size(); ++i) {
        const JobItem &item = items.at(i);
        if (i < isDirectory.size() && isDirectory.at(i)) {
            code += QStringLiteral("for root, dirs, files in os.walk(%1):\n"
                                   "    for name in files:\n"
                                   "        a = os.path.join(root, name)\n"
                                   "        if not os.path.islink(a):\n"
                                   "            verify(a, os.path.join(%2, os.path.relpath(a, %1)))\n")
                        .arg(lit(item.source), lit(item.target));
        } else {
            code += line(call(QStringLiteral("verify"), {item.source, item.target}));
        }
    }
    return code;
}

QString job(const JobRequest &request, const QList<bool> &isDirectory)
{
    if (request.kind == JobKind::DiskUsage) {
        QStringList sources;
        for (const JobItem &item : request.items) {
            sources.append(item.source);
        }
        return diskUsage(sources);
    }
    QString code;
    for (qsizetype i = 0; i < request.items.size(); ++i) {
        const JobItem &item = request.items.at(i);
        const bool dir = i < isDirectory.size() && isDirectory.at(i);
        switch (request.kind) {
        case JobKind::Copy:
            if (dir && request.keepHardLinks) {
                code += QLatin1String("# ")
                    + QCoreApplication::translate("PythonCode",
                                                  "Hard links kept, as cp -a does: shutil has no "
                                                  "such option, its copytree makes each hard "
                                                  "link a separate file.")
                    + QLatin1Char('\n');
            }
            code += dir ? copytree(item.source, item.target, request.followSymlinks,
                                   request.dirsExistOk)
                        : copy2(item.source, item.target);
            break;
        case JobKind::Move:
            code += move(item.source, item.target);
            break;
        case JobKind::Delete:
            code += dir ? rmtree(item.source) : remove(item.source);
            break;
        case JobKind::Trash:
            if (i == 0) {
                code += QLatin1String("# ")
                    + QCoreApplication::translate("PythonCode",
                                                  "The standard library has no trash; the "
                                                  "third-party send2trash package does it:")
                    + QLatin1String("\n# from send2trash import send2trash\n");
            }
            code += QLatin1String("# ") + call(QStringLiteral("send2trash"), {item.source})
                + QLatin1Char('\n');
            break;
        case JobKind::DiskUsage:
            break; // one program for all the items, above
        case JobKind::Archive:
            code += makeArchive(item.target, request.archiveFormat, item.source);
            break;
        case JobKind::Unpack:
            code += unpackArchive(item.source, item.target);
            break;
        case JobKind::Undo:
        case JobKind::Redo:
            break; // the journal entry's own code
        }
    }
    if (request.verify && request.kind == JobKind::Copy) {
        code += QLatin1Char('\n') + verifiedCopies(request.items, isDirectory);
    } else if (request.verify && request.kind == JobKind::Move) {
        code += QLatin1String("# ")
            + QCoreApplication::translate("PythonCode",
                                          "Verify: across filesystems shutil.move copies, then "
                                          "deletes; StdLab reads the copy back and compares its "
                                          "BLAKE2b before deleting the source.")
            + QLatin1Char('\n');
    }
    return code;
}

QString job(const JobRequest &request)
{
    QList<bool> dirs;
    for (const JobItem &item : request.items) {
        struct stat st;
        const QByteArray path = fsEncode(item.source);
        const int r = request.followSymlinks ? ::stat(path.constData(), &st)
                                             : ::lstat(path.constData(), &st);
        dirs.append(r == 0 && S_ISDIR(st.st_mode));
    }
    return job(request, dirs);
}

} // namespace stdlab::files::python
