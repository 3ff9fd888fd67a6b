#pragma once

#include <QFile>
#include <QTemporaryDir>

#include <filesystem>
#include <system_error>

/**
 * A QTemporaryDir that is really removed: QTemporaryDir::remove() names the entries as UTF-8,
 * so a file whose name is not ('caf\xe9.txt', the files tests' os.fsdecode cases) stayed, and
 * so did its folder - about a thousand /tmp/tst_* folders after a day of test runs. This one
 * removes its tree by bytes first.
 */
class ScratchDir : public QTemporaryDir
{
public:
    using QTemporaryDir::QTemporaryDir;
    ~ScratchDir()
    {
        if (isValid() && autoRemove()) {
            std::error_code ignored;
            std::filesystem::remove_all(QFile::encodeName(path()).toStdString(), ignored);
        }
    }
};
