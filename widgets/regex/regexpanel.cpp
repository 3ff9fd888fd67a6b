#include "regex/regexpanel.h"

#include <QLabel>
#include <QVBoxLayout>

RegexPanel::RegexPanel(QWidget *parent)
    : Panel(parent)
{
    auto *layout = new QVBoxLayout(this);
    auto *title = new QLabel(tr("Regular expressions"), this);
    title->setObjectName(QStringLiteral("panelTitle"));
    layout->addWidget(title);
    layout->addStretch();
}

QString RegexPanel::pythonCode() const
{
    return QStringLiteral("import re\\n");
}
