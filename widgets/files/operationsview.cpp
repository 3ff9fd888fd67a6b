#include "files/operationsview.h"

#include "files/fileoperations.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

using namespace stdlab::files;

OperationsView::OperationsView(FileOperations *operations, QWidget *parent)
    : QWidget(parent)
    , m_operations(operations)
    , m_rowsLayout(new QVBoxLayout)
    , m_placeholder(new QLabel(tr("No operations. Copies, moves, deletions and sizes run "
                                  "here, in the background."),
                               this))
    , m_clearButton(new QPushButton(tr("Clear Finished"), this))
{
    setObjectName(QStringLiteral("operationsView"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *header = new QHBoxLayout;
    auto *title = new QLabel(tr("<b>Operations</b>"), this);
    header->addWidget(title);
    header->addStretch();
    auto *history = new QPushButton(tr("History…"), this);
    history->setObjectName(QStringLiteral("historyButton"));
    history->setFlat(true);
    history->setToolTip(tr("Every operation done, to undo or redo one (Ctrl+Shift+H)"));
    connect(history, &QPushButton::clicked, this, &OperationsView::historyRequested);
    header->addWidget(history);
    m_clearButton->setObjectName(QStringLiteral("clearFinishedButton"));
    m_clearButton->setFlat(true);
    header->addWidget(m_clearButton);
    layout->addLayout(header);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    m_placeholder->setObjectName(QStringLiteral("operationsPlaceholder"));
    m_placeholder->setWordWrap(true);
    QFont placeholderFont = m_placeholder->font();
    placeholderFont.setItalic(true); // not disabled: a disabled label's grey is hard to read
    m_placeholder->setFont(placeholderFont);
    contentLayout->addWidget(m_placeholder);
    contentLayout->addLayout(m_rowsLayout);
    contentLayout->addStretch();
    scroll->setWidget(content);
    layout->addWidget(scroll);

    connect(m_clearButton, &QPushButton::clicked, this, &OperationsView::clearFinished);
    connect(operations, &FileOperations::started, this, &OperationsView::addRow);
    connect(operations, &FileOperations::queued, this, &OperationsView::addQueuedRow);
    connect(operations, &FileOperations::pausedChanged, this, &OperationsView::showPaused);
    connect(operations, &FileOperations::progressChanged, this, &OperationsView::updateProgress);
    connect(operations, &FileOperations::errorOccurred, this, &OperationsView::addError);
    connect(operations, &FileOperations::finished, this, &OperationsView::finishRow);
    updatePlaceholder();
}

QString OperationsView::formatDuration(qint64 ms)
{
    const qint64 s = (ms + 999) / 1000;
    if (s < 60) {
        return tr("%1 s").arg(s);
    }
    if (s < 3600) {
        return tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    }
    return tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

void OperationsView::addQueuedRow(int jobId, const JobRequest &request)
{
    addRow(jobId, request);
    Row &row = m_rows[jobId];
    row.queued = true;
    row.bar->setRange(0, 1000);
    row.bar->setValue(0);
    row.pause->hide();
    row.status->setText(tr("Queued: starts when the operation before it ends."));
}

void OperationsView::showPaused(int jobId, bool paused)
{
    auto it = m_rows.find(jobId);
    if (it == m_rows.end() || it->finished) {
        return;
    }
    it->pause->setText(paused ? tr("Resume") : tr("Pause"));
    it->pause->setIcon(QIcon::fromTheme(paused ? QStringLiteral("media-playback-start")
                                               : QStringLiteral("media-playback-pause")));
    if (paused) {
        // The speed and time left measured before the pause no longer hold.
        it->status->setText(tr("Paused: nothing is written until Resume.") + QStringLiteral(" ")
                            + (it->last && !it->last->scanning ? progressText(*it->last, true)
                                                               : it->status->text()));
    }
}

void OperationsView::addRow(int jobId, const JobRequest &request)
{
    if (const auto it = m_rows.find(jobId); it != m_rows.end()) {
        // A queued job whose turn came.
        it->queued = false;
        it->bar->setRange(0, 0);
        it->status->setText(tr("Starting…"));
        it->pause->setVisible(request.kind != JobKind::DiskUsage
                              && request.kind != JobKind::Trash);
        return;
    }
    Row row;
    row.widget = new QWidget(this);
    row.widget->setObjectName(QStringLiteral("job%1").arg(jobId));
    auto *layout = new QVBoxLayout(row.widget);
    layout->setContentsMargins(0, 4, 0, 4);
    layout->setSpacing(2);
    auto *top = new QHBoxLayout;
    QString what;
    if (!request.items.isEmpty()) {
        const QString first = QFileInfo(request.items.first().source).fileName();
        what = request.items.size() == 1
            ? QStringLiteral("“%1”").arg(first)
            : tr("“%1” and %n more", nullptr, int(request.items.size() - 1)).arg(first);
        const QString target = request.items.first().target;
        if (!target.isEmpty()) {
            what += QStringLiteral(" → ") + QFileInfo(target).absolutePath();
        }
    }
    row.title = new QLabel(QStringLiteral("<b>%1</b> %2")
                               .arg(jobKindName(request.kind).toHtmlEscaped(), what.toHtmlEscaped()),
                           row.widget);
    row.title->setTextFormat(Qt::RichText);
    row.title->setMinimumWidth(1);
    top->addWidget(row.title, 1);
    row.dryRun = request.dryRun;
    row.kind = request.kind;
    if (request.dryRun) {
        row.title->setText(QStringLiteral("<b>%1</b> %2")
                               .arg(tr("Plan: %1").arg(jobKindName(request.kind)).toHtmlEscaped(),
                                    what.toHtmlEscaped()));
    }
    row.pause = new QPushButton(tr("Pause"), row.widget);
    row.pause->setObjectName(QStringLiteral("pauseJobButton"));
    row.pause->setIcon(QIcon::fromTheme(QStringLiteral("media-playback-pause")));
    row.pause->setToolTip(tr("Hold the operation between two pieces of data; Resume goes on"));
    row.pause->setVisible(request.kind != JobKind::DiskUsage && request.kind != JobKind::Trash
                          && !request.dryRun);
    connect(row.pause, &QPushButton::clicked, this, [this, jobId] {
        if (m_operations->isPaused(jobId)) {
            m_operations->resume(jobId);
        } else {
            m_operations->pause(jobId);
        }
    });
    top->addWidget(row.pause);
    row.cancel = new QPushButton(tr("Cancel"), row.widget);
    row.cancel->setObjectName(QStringLiteral("cancelJobButton"));
    row.cancel->setIcon(QIcon::fromTheme(QStringLiteral("process-stop")));
    connect(row.cancel, &QPushButton::clicked, this, [this, jobId] { m_operations->cancel(jobId); });
    top->addWidget(row.cancel);
    row.close = new QToolButton(row.widget);
    row.close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    row.close->setAutoRaise(true);
    row.close->setToolTip(tr("Remove from the list"));
    row.close->hide();
    connect(row.close, &QToolButton::clicked, this, [this, jobId] { removeRow(jobId); });
    top->addWidget(row.close);
    layout->addLayout(top);
    row.bar = new QProgressBar(row.widget);
    row.bar->setRange(0, 0); // busy until the totals are known
    row.bar->setTextVisible(false);
    row.bar->setMaximumHeight(10);
    layout->addWidget(row.bar);
    row.status = new QLabel(tr("Starting…"), row.widget);
    row.status->setObjectName(QStringLiteral("jobStatus"));
    layout->addWidget(row.status);
    row.errors = new QListWidget(row.widget);
    row.errors->setObjectName(QStringLiteral("jobErrors"));
    row.errors->setMaximumHeight(90);
    row.errors->hide();
    layout->addWidget(row.errors);
    m_rowsLayout->insertWidget(0, row.widget);
    m_rows.insert(jobId, row);
    updatePlaceholder();
}

void OperationsView::updateProgress(int jobId, const JobProgress &p)
{
    auto it = m_rows.find(jobId);
    if (it == m_rows.end() || it->finished) {
        return;
    }
    const QLocale locale;
    if (p.scanning) {
        it->bar->setRange(0, 0);
        it->status->setText(tr("Counting… %n file(s), %1", nullptr, int(p.filesTotal))
                                .arg(locale.formattedDataSize(p.bytesTotal)));
        return;
    }
    // Progress by bytes when there are any (one big file), else by files.
    if (p.bytesTotal > 0) {
        it->bar->setRange(0, 1000);
        it->bar->setValue(int(1000 * p.bytesDone / p.bytesTotal));
    } else if (p.filesTotal > 0) {
        it->bar->setRange(0, 1000);
        it->bar->setValue(int(1000 * p.filesDone / p.filesTotal));
    }
    it->last = p;
    it->status->setText(progressText(p, false));
    it->status->setToolTip(p.currentPath);
}

QString OperationsView::progressText(const JobProgress &p, bool paused) const
{
    const QLocale locale;
    QStringList parts;
    parts << tr("%1 of %n file(s)", nullptr, int(p.filesTotal)).arg(p.filesDone);
    if (p.bytesTotal > 0) {
        parts << tr("%1 of %2").arg(locale.formattedDataSize(p.bytesDone),
                                    locale.formattedDataSize(p.bytesTotal));
    }
    if (p.bytesPerSecond > 0 && !paused) {
        parts << tr("%1/s").arg(locale.formattedDataSize(qint64(p.bytesPerSecond)));
    }
    if (p.etaMs >= 0 && !paused) {
        parts << tr("%1 left").arg(formatDuration(p.etaMs));
    }
    return parts.join(QStringLiteral(" · "));
}

void OperationsView::addError(int jobId, const JobError &error)
{
    auto it = m_rows.find(jobId);
    if (it == m_rows.end()) {
        return;
    }
    it->errors->addItem(error.message);
    it->errors->show();
}

void OperationsView::finishRow(int jobId, const JobSummary &summary)
{
    auto it = m_rows.find(jobId);
    if (it == m_rows.end()) {
        return;
    }
    it->finished = true;
    if (it->dryRun && !summary.cancelled) {
        removeRow(jobId); // a plan's row goes when the plan is ready: its window takes over
        return;
    }
    it->cancel->hide();
    it->pause->hide();
    it->close->show();
    it->bar->setRange(0, 1000);
    it->bar->setValue(summary.cancelled ? it->bar->value() : 1000);
    const QLocale locale;
    QString text;
    if (summary.cancelled && it->queued) {
        text = tr("Cancelled before it started: nothing was done.");
    } else if (summary.cancelled) {
        text = tr("Cancelled after %1.").arg(formatDuration(summary.elapsedMs));
    } else if (it->kind == JobKind::Undo || it->kind == JobKind::Redo) {
        text = summary.journalId == 0 ? summary.errors.value(0).message
            : summary.errors.isEmpty()
            ? (it->kind == JobKind::Undo ? tr("Undone: %1") : tr("Redone: %1"))
                  .arg(summary.journalTitle)
            : (it->kind == JobKind::Undo ? tr("Not undone: %1") : tr("Not redone: %1"))
                  .arg(summary.journalTitle);
    } else {
        text = tr("Done: %n file(s)", nullptr, int(summary.files));
        if (summary.directories > 0) {
            text += tr(", %n folder(s)", nullptr, int(summary.directories));
        }
        text += tr(", %1 in %2.").arg(locale.formattedDataSize(summary.bytes),
                                     formatDuration(summary.elapsedMs));
    }
    if (summary.skipped > 0) {
        text += QLatin1Char(' ') + tr("%n skipped.", nullptr, int(summary.skipped));
    }
    if (!summary.errors.isEmpty()) {
        text += QLatin1Char(' ') + tr("%n error(s):", nullptr, int(summary.errors.size()));
        it->errors->clear();
        for (const JobError &error : summary.errors) {
            it->errors->addItem(error.message);
        }
        it->errors->show();
        it->status->setStyleSheet(QStringLiteral("color: palette(highlight);"));
    }
    it->status->setText(text);
}

void OperationsView::removeRow(int jobId)
{
    auto it = m_rows.find(jobId);
    if (it == m_rows.end() || !it->finished) {
        return;
    }
    delete it->widget;
    m_rows.erase(it);
    updatePlaceholder();
}

void OperationsView::clearFinished()
{
    const QList<int> ids = m_rows.keys();
    for (int id : ids) {
        removeRow(id);
    }
}

void OperationsView::updatePlaceholder()
{
    m_placeholder->setVisible(m_rows.isEmpty());
    m_clearButton->setVisible(!m_rows.isEmpty());
}

QString OperationsView::statusText(int jobId) const
{
    auto it = m_rows.constFind(jobId);
    return it == m_rows.constEnd() ? QString() : it->status->text();
}

QStringList OperationsView::errorLines(int jobId) const
{
    QStringList lines;
    auto it = m_rows.constFind(jobId);
    if (it != m_rows.constEnd()) {
        for (int i = 0; i < it->errors->count(); ++i) {
            lines << it->errors->item(i)->text();
        }
    }
    return lines;
}
