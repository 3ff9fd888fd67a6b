#pragma once

#include "files/batchrename.h"

#include <QDialog>
#include <QString>
#include <QStringList>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTableWidget;
class QTimer;

/// What the batch rename dialog was answered: re.sub's pattern, replacement and flags.
struct BatchRenameRequest
{
    QString pattern;
    QString replacement;
    int flags = 0; // re's values: re.IGNORECASE == 2, re.ASCII == 256
};

/**
 * Batch rename with re.sub: pattern, replacement and flags, a live preview of every name (old
 * -> new, with collisions, unchanged names, invalid names and case-only renames flagged) and
 * the Python code that does the same. Rename is enabled only when every name can be used.
 */
class BatchRenameDialog : public QDialog
{
    Q_OBJECT

public:
    /// @p names are files of @p folder (the folder the panel shows).
    BatchRenameDialog(const QString &folder, const QStringList &names, QWidget *parent = nullptr);

    BatchRenameRequest request() const;
    void setRequest(const BatchRenameRequest &request);
    /// The preview as last computed (it follows the inputs after a short pause).
    const stdlab::files::RenamePlan &plan() const { return m_plan; }
    /// The program shown: the loop the panel runs, with folder "." after os.chdir(folder).
    QString pythonCode() const;
    /// Computes the preview now instead of after the pause.
    void updatePreview();
    /// A row's note: what is wrong with its new name, "unchanged", "case only" or "".
    static QString noteFor(const stdlab::files::RenameItem &item);

Q_SIGNALS:
    void previewUpdated();

private:
    QString m_folder;
    QStringList m_names;
    stdlab::files::RenamePlan m_plan;
    QLineEdit *m_pattern = nullptr;
    QLineEdit *m_replacement = nullptr;
    QCheckBox *m_ignoreCase = nullptr;
    QCheckBox *m_ascii = nullptr;
    QTableWidget *m_table = nullptr;
    QLabel *m_summary = nullptr;
    QPlainTextEdit *m_code = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QTimer *m_debounce = nullptr;
};
