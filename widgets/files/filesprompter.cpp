#include "files/filesprompter.h"

#include "files/archive.h"
#include "files/plandialog.h"

#include <QComboBox>
#include <QPushButton>

#include <QCheckBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QIcon>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>

using namespace stdlab::files;

bool DialogPrompter::confirmPlan(QWidget *parent, const JobRequest &request,
                                 const JobSummary &plan, const QString &acceptText)
{
    PlanDialog dialog(request, plan, acceptText, parent);
    return dialog.exec() == QDialog::Accepted;
}

bool DialogPrompter::confirm(QWidget *parent, const QString &title, const QString &text,
                             const QString &acceptText)
{
    QMessageBox box(QMessageBox::Warning, title, text, QMessageBox::NoButton, parent);
    QPushButton *accept = box.addButton(acceptText, QMessageBox::AcceptRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == accept;
}

std::optional<QString> DialogPrompter::askText(QWidget *parent, const QString &title,
                                               const QString &label, const QString &initial)
{
    QInputDialog dialog(parent);
    dialog.setWindowTitle(title);
    dialog.setLabelText(label);
    dialog.setTextValue(initial);
    dialog.resize(420, dialog.sizeHint().height());
    // Select the name without its extension, as file managers do when renaming.
    // QInputDialog selects everything when shown: select afterwards.
    QTimer::singleShot(0, &dialog, [&dialog, initial] {
        if (auto *edit = dialog.findChild<QLineEdit *>()) {
            const qsizetype dot = initial.lastIndexOf(QLatin1Char('.'));
            edit->setSelection(0, int(dot > 0 ? dot : initial.size()));
        }
    });
    if (dialog.exec() != QDialog::Accepted) {
        return std::nullopt;
    }
    return dialog.textValue();
}

std::optional<CopyTarget> DialogPrompter::askCopyTarget(QWidget *parent, const QString &title,
                                                        const QString &initial, bool tree)
{
    QDialog dialog(parent);
    dialog.setWindowTitle(title);
    auto *layout = new QVBoxLayout(&dialog);
    auto *form = new QFormLayout;
    auto *edit = new QLineEdit(initial, &dialog);
    edit->setMinimumWidth(380);
    form->addRow(tr("Destination:"), edit);
    layout->addLayout(form);
    auto *follow = new QCheckBox(tr("Copy the files symbolic links point to (symlinks=False)"),
                                 &dialog);
    auto *merge = new QCheckBox(tr("Merge into existing folders (dirs_exist_ok=True)"), &dialog);
    auto *hardLinks = new QCheckBox(tr("Keep hard links (as cp -a; shutil.copytree makes each "
                                       "hard link a separate file)"),
                                    &dialog);
    hardLinks->setObjectName(QStringLiteral("keepHardLinks"));
    auto *verify = new QCheckBox(tr("Verify: read each copy back and compare its BLAKE2b with "
                                    "the source's (a copy that differs is not kept)"),
                                 &dialog);
    verify->setObjectName(QStringLiteral("verify"));
    follow->setVisible(tree);
    merge->setVisible(tree);
    hardLinks->setVisible(tree);
    layout->addWidget(follow);
    layout->addWidget(merge);
    layout->addWidget(hardLinks);
    layout->addWidget(verify);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    if (dialog.exec() != QDialog::Accepted || edit->text().isEmpty()) {
        return std::nullopt;
    }
    return CopyTarget{edit->text(), follow->isChecked(), merge->isChecked(),
                      hardLinks->isChecked(), verify->isChecked()};
}

ConflictResolution DialogPrompter::askConflict(QWidget *parent, const ConflictInfo &conflict)
{
    QDialog dialog(parent);
    dialog.setWindowTitle(tr("File Already Exists"));
    auto *layout = new QVBoxLayout(&dialog);
    const QLocale locale;
    auto describe = [&](bool isDir, qint64 size, const QDateTime &modified) {
        const QString when = locale.toString(modified, QLocale::ShortFormat);
        return isDir ? tr("Folder, modified %1").arg(when)
                     : tr("%1, modified %2").arg(locale.formattedDataSize(size), when);
    };
    auto *text = new QLabel(
        tr("<b>%1</b> already exists.<br><br>Existing: %2<br>New: %3")
            .arg(conflict.target.toHtmlEscaped(),
                 describe(conflict.targetIsDir, conflict.targetSize, conflict.targetModified),
                 describe(conflict.sourceIsDir, conflict.sourceSize, conflict.sourceModified)),
        &dialog);
    text->setWordWrap(true);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(text);
    auto *nameRow = new QFormLayout;
    auto *nameEdit = new QLineEdit(conflict.suggestedName, &dialog);
    nameRow->addRow(tr("New name:"), nameEdit);
    layout->addLayout(nameRow);
    auto *all = new QCheckBox(tr("Apply to all remaining conflicts"), &dialog);
    layout->addWidget(all);
    auto *buttons = new QDialogButtonBox(&dialog);
    const bool merge = conflict.targetIsDir && conflict.sourceIsDir;
    QPushButton *overwrite
        = buttons->addButton(merge ? tr("&Merge") : tr("&Overwrite"), QDialogButtonBox::AcceptRole);
    QPushButton *skip = buttons->addButton(tr("&Skip"), QDialogButtonBox::AcceptRole);
    QPushButton *rename = buttons->addButton(tr("&Rename"), QDialogButtonBox::AcceptRole);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    skip->setDefault(true);
    ConflictResolution resolution;
    resolution.action = ConflictAction::Cancel;
    auto answer = [&](ConflictAction action) {
        resolution.action = action;
        dialog.accept();
    };
    QObject::connect(overwrite, &QPushButton::clicked, &dialog,
                     [&] { answer(ConflictAction::Overwrite); });
    QObject::connect(skip, &QPushButton::clicked, &dialog, [&] { answer(ConflictAction::Skip); });
    QObject::connect(rename, &QPushButton::clicked, &dialog,
                     [&] { answer(ConflictAction::Rename); });
    QObject::connect(cancel, &QPushButton::clicked, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog.exec();
    resolution.applyToAll = all->isChecked() && resolution.action != ConflictAction::Cancel;
    if (resolution.action == ConflictAction::Rename && !resolution.applyToAll
        && nameEdit->text() != conflict.suggestedName) {
        resolution.newName = nameEdit->text();
    }
    return resolution;
}

std::optional<BatchRenameRequest> DialogPrompter::askBatchRename(QWidget *parent,
                                                                 const QString &folder,
                                                                 const QStringList &names)
{
    BatchRenameDialog dialog(folder, names, parent);
    if (dialog.exec() != QDialog::Accepted) {
        return std::nullopt;
    }
    return dialog.request();
}

std::optional<ArchiveTarget> DialogPrompter::askArchive(QWidget *parent, const QString &title,
                                                        const QString &initialBase)
{
    QDialog dialog(parent);
    dialog.setWindowTitle(title);
    auto *form = new QFormLayout(&dialog);
    auto *format = new QComboBox(&dialog);
    format->addItems(stdlab::files::archiveFormats());
    auto *base = new QLineEdit(initialBase, &dialog);
    base->setMinimumWidth(260);
    form->addRow(tr("Format:"), format);
    form->addRow(tr("Name (without extension):"), base);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Make Archive"));
    form->addRow(buttons);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted || base->text().trimmed().isEmpty()) {
        return std::nullopt;
    }
    return ArchiveTarget{format->currentText(), base->text().trimmed()};
}
