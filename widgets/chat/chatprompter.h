#pragma once

#include <QCoreApplication>
#include <QString>

#include <optional>

class QWidget;

/**
 * Every question the Chat panel asks the user (where to save the log, which file to send). The panel never
 * opens a dialog itself: GUI tests install a ChatPrompter with scripted answers.
 */
class ChatPrompter
{
public:
    virtual ~ChatPrompter() = default;

    /// A file to save the conversation to, starting at @p suggested; nullopt when cancelled.
    virtual std::optional<QString> askSaveLogPath(QWidget *parent, const QString &suggested) = 0;
    /// A file to export the sequence diagram to (PNG or SVG); nullopt when cancelled.
    virtual std::optional<QString> askExportDiagramPath(QWidget *, const QString &)
    {
        return std::nullopt;
    }
    /// A file to send (Send File…); nullopt when cancelled.
    virtual std::optional<QString> askSendFilePath(QWidget *) { return std::nullopt; }
};

/** The real dialog: QFileDialog::getSaveFileName. */
class ChatDialogPrompter : public ChatPrompter
{
    Q_DECLARE_TR_FUNCTIONS(ChatDialogPrompter)

public:
    std::optional<QString> askSaveLogPath(QWidget *parent, const QString &suggested) override;
    std::optional<QString> askExportDiagramPath(QWidget *parent,
                                                const QString &suggested) override;
    std::optional<QString> askSendFilePath(QWidget *parent) override;
};
