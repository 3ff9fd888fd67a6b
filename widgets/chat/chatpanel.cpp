#include "chat/chatpanel.h"

#include <QLabel>
#include <QVBoxLayout>

ChatPanel::ChatPanel(QWidget *parent)
    : Panel(parent)
{
    auto *layout = new QVBoxLayout(this);
    auto *title = new QLabel(tr("Chat"), this);
    title->setObjectName(QStringLiteral("panelTitle"));
    layout->addWidget(title);
    layout->addStretch();
}

QString ChatPanel::pythonCode() const
{
    return QStringLiteral("import socket\\n");
}

bool ChatPanel::startServerPreset(const QString &spec, QString *error)
{
    *error = tr("Starting a server (%1) is not available in this build yet.").arg(spec);
    return false;
}

bool ChatPanel::connectPreset(const QString &spec, QString *error)
{
    *error = tr("Connecting (%1) is not available in this build yet.").arg(spec);
    return false;
}
