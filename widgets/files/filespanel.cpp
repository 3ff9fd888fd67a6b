#include "files/filespanel.h"

#include <QLabel>
#include <QVBoxLayout>

FilesPanel::FilesPanel(QWidget *parent)
    : Panel(parent)
{
    auto *layout = new QVBoxLayout(this);
    auto *title = new QLabel(tr("Files"), this);
    title->setObjectName(QStringLiteral("panelTitle"));
    layout->addWidget(title);
    layout->addStretch();
}

QString FilesPanel::pythonCode() const
{
    return QStringLiteral("import os\\nimport shutil\\n");
}
