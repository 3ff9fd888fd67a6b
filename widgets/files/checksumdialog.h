#pragma once

#include "files/checksum.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QList>
#include <QStringList>

#include <atomic>
#include <memory>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QTimer;

/**
 * The Files tab's Checksums: hashlib.file_digest of the selected files in a worker (progress,
 * Cancel), compared with a pasted hash or a SHA256SUMS-style text (which lines pass, fail, or
 * name a file that is not among them), copied as sha256sum prints it, with the Python code.
 */
class ChecksumDialog : public QDialog
{
    Q_OBJECT

public:
    /// @p paths: absolute paths of the files; names are shown relative to @p folder.
    ChecksumDialog(const QString &folder, const QStringList &paths, QWidget *parent = nullptr);
    ~ChecksumDialog() override;

    /// hashlib's name of the algorithm chosen.
    QString algorithm() const;
    void setAlgorithm(const QString &name);
    /// What is compared: a hex digest, or lines "HEX  NAME".
    void setExpected(const QString &text);
    /// Hashing is done (or was cancelled) for the current algorithm.
    bool isDone() const;
    /// Per row: the name shown, its hexdigest (or Python's error) and the comparison.
    QString nameAt(int row) const;
    QString digestAt(int row) const;
    QString resultAt(int row) const;
    /// One line per comparison that names no selected file ("x.txt: not among the files").
    QStringList missing() const;
    /// sha256sum's output of the digests ("HEX  NAME" lines).
    QString sumsText() const;
    QString pythonCode() const;
    QString status() const;

public Q_SLOTS:
    void cancel();

Q_SIGNALS:
    void finished();

private:
    void start();
    void compare();
    void showProgress();

    QString m_folder;
    QStringList m_paths;
    QStringList m_names;
    QList<stdlab::files::DigestResult> m_results;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    std::shared_ptr<std::atomic<int>> m_done;
    QFutureWatcher<QList<stdlab::files::DigestResult>> *m_watcher = nullptr;
    bool m_running = false;
    bool m_cancelled = false;
    QStringList m_missing;
    QComboBox *m_algorithm = nullptr;
    QTableWidget *m_table = nullptr;
    QPlainTextEdit *m_expected = nullptr;
    QPlainTextEdit *m_code = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QPushButton *m_copyButton = nullptr;
    QLabel *m_status = nullptr;
    QTimer *m_timer = nullptr;
};
