#include "files/plandialog.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace stdlab::files;

namespace {

QString sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes);
}

} // namespace

QString PlanDialog::outcomeText(const PlannedConflict &c)
{
    switch (c.outcome) {
    case PlannedConflict::Outcome::Replace:
        return tr("Replace");
    case PlannedConflict::Outcome::Merge:
        return tr("Merge into");
    case PlannedConflict::Outcome::ThroughLink:
        return tr("Write through the link");
    case PlannedConflict::Outcome::Rename:
        return tr("Keep both (new name)");
    case PlannedConflict::Outcome::Skip:
        return tr("Skip");
    case PlannedConflict::Outcome::Ask:
        return tr("Ask");
    case PlannedConflict::Outcome::Refuse:
        return tr("Refused");
    }
    return QString();
}

QString PlanDialog::summaryText(const JobRequest &request, const JobSummary &summary)
{
    const JobPlan &p = summary.plan;
    QStringList lines;
    QString counts = tr("%n file(s)", nullptr, int(p.files));
    if (p.links > 0) {
        counts += tr(" (%n symbolic link(s))", nullptr, int(p.links));
    }
    counts += tr(", %n folder(s)", nullptr, int(p.directories)) + QStringLiteral(", ")
        + sizeText(p.bytes) + QLatin1Char('.');
    lines << counts;
    if (request.kind == JobKind::Move) {
        if (p.renames > 0) {
            lines << tr("On the same filesystem: renamed at once, no data is copied.");
        }
        if (p.acrossFilesystems) {
            lines << tr("To another filesystem: every file is copied, then the source is "
                        "deleted.");
        }
    } else {
        lines << (p.acrossFilesystems ? tr("To another filesystem.")
                                      : tr("On the same filesystem."));
    }
    if (p.conflictCount > 0) {
        lines << tr("%n name(s) already taken: see below what happens to each.", nullptr,
                    int(p.conflictCount));
    }
    if (p.replacedFiles > 0) {
        lines << tr("Cannot be undone: %n file(s) replaced (their old contents are lost).",
                    nullptr, int(p.replacedFiles));
    }
    if (p.mergedFolders > 0) {
        lines << tr("Not undone as one step: %n folder(s) merged into (what was there stays "
                    "mixed with what comes).",
                    nullptr, int(p.mergedFolders));
    }
    if (!summary.errors.isEmpty()) {
        lines << tr("%n item(s) would be refused: see below.", nullptr,
                    int(summary.errors.size()));
    }
    const bool writes = request.kind == JobKind::Copy || p.acrossFilesystems;
    if (writes && p.freeBytes >= 0 && p.bytes > p.freeBytes) {
        lines << tr("Not enough space: %1 to write, %2 free.")
                     .arg(sizeText(p.bytes), sizeText(p.freeBytes));
    }
    if (summary.cancelled) {
        lines << tr("The plan was cancelled before it was complete.");
    }
    return lines.join(QLatin1Char('\n'));
}

bool PlanDialog::needsAttention(const JobRequest &request, const JobSummary &summary)
{
    const JobPlan &p = summary.plan;
    return p.conflictCount > 0 || !summary.errors.isEmpty() || p.replacedFiles > 0
        || p.mergedFolders > 0 || summary.cancelled
        || (request.kind == JobKind::Move && p.acrossFilesystems)
        || (p.freeBytes >= 0 && p.bytes > p.freeBytes);
}

PlanDialog::PlanDialog(const JobRequest &request, const JobSummary &summary,
                       const QString &acceptText, QWidget *parent)
    : QDialog(parent), m_list(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("planDialog"));
    setWindowTitle(tr("Plan: %1").arg(jobKindName(request.kind)));
    auto *layout = new QVBoxLayout(this);
    auto *text = new QLabel(summaryText(request, summary), this);
    text->setObjectName(QStringLiteral("planSummary"));
    text->setWordWrap(true);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(text);
    m_list->setObjectName(QStringLiteral("planList"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("What happens"), tr("Name"), tr("There now"), tr("Note")});
    m_list->setAccessibleName(tr("Names already taken and refusals"));
    const JobPlan &p = summary.plan;
    for (const PlannedConflict &c : p.conflicts) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(0, outcomeText(c));
        item->setText(1, c.target);
        item->setText(2, c.targetIsDir ? tr("a folder") : sizeText(c.targetSize));
        item->setText(3, !c.why.isEmpty()   ? c.why
                             : !c.writtenTo.isEmpty() ? tr("writes %1").arg(c.writtenTo)
                                                      : QString());
        item->setToolTip(1, c.source + QStringLiteral(" → ") + c.target);
    }
    for (const JobError &e : summary.errors) {
        bool listed = false;
        for (const PlannedConflict &c : p.conflicts) {
            listed = listed || (c.outcome == PlannedConflict::Outcome::Refuse && c.why == e.message);
        }
        if (listed) {
            continue; // a refused name is in the list already
        }
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(0, tr("Refused"));
        item->setText(1, e.source);
        item->setText(3, e.message);
    }
    if (p.conflictCount > p.conflicts.size()) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(1, tr("… and %n more", nullptr, int(p.conflictCount - p.conflicts.size())));
    }
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->setVisible(m_list->topLevelItemCount() > 0);
    layout->addWidget(m_list, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *go = buttons->addButton(acceptText, QDialogButtonBox::AcceptRole);
    go->setObjectName(QStringLiteral("planAccept"));
    go->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(640, m_list->isVisible() ? 420 : 180);
}

QStringList PlanDialog::rows() const
{
    QStringList out;
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = m_list->topLevelItem(i);
        out << QStringList{item->text(0), item->text(1), item->text(2), item->text(3)}.join(
            QStringLiteral(" | "));
    }
    return out;
}
