#include "date/datepanel.h"

#include <QLabel>
#include <QVBoxLayout>

DatePanel::DatePanel(QWidget *parent)
    : Panel(parent)
{
    auto *layout = new QVBoxLayout(this);
    auto *title = new QLabel(tr("Dates"), this);
    title->setObjectName(QStringLiteral("panelTitle"));
    layout->addWidget(title);
    layout->addStretch();
}

QString DatePanel::pythonCode() const
{
    return QStringLiteral("import datetime\\n\\nahora = datetime.datetime.now()\\nprint(ahora)\\n");
}
