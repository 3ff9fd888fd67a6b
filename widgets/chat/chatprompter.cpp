#include "chat/chatprompter.h"

#include <QFileDialog>

std::optional<QString> ChatDialogPrompter::askSaveLogPath(QWidget *parent,
                                                          const QString &suggested)
{
    const QString path = QFileDialog::getSaveFileName(
        parent, tr("Save Conversation"), suggested, tr("Log files (*.log *.txt);;All files (*)"));
    if (path.isEmpty()) {
        return std::nullopt;
    }
    return path;
}

std::optional<QString> ChatDialogPrompter::askExportDiagramPath(QWidget *parent,
                                                                const QString &suggested)
{
    const QString path = QFileDialog::getSaveFileName(
        parent, tr("Export Sequence Diagram"), suggested,
        tr("PNG image (*.png);;SVG drawing (*.svg)"));
    if (path.isEmpty()) {
        return std::nullopt;
    }
    return path;
}

std::optional<QString> ChatDialogPrompter::askSendFilePath(QWidget *parent)
{
    const QString path = QFileDialog::getOpenFileName(parent, tr("Send File"));
    if (path.isEmpty()) {
        return std::nullopt;
    }
    return path;
}
