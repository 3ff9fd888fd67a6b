#include "historydialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>

using namespace stdlab::files;

namespace {

enum Column { WhenColumn, WhatColumn, StateColumn, VerdictColumn };

} // namespace

HistoryDialog::HistoryDialog(const QString &journalFile, QWidget *parent)
    : QDialog(parent), m_file(journalFile)
{
    setWindowTitle(tr("Operations History"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Every operation of the Files tab and of `stdlab files`, newest "
                                "first. Undo or redo the one you select: it is checked first "
                                "and nothing that appeared since is replaced."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *split = new QSplitter(Qt::Vertical, this);
    m_list = new QTreeWidget(split);
    m_list->setObjectName(QStringLiteral("history"));
    m_list->setAccessibleName(tr("Operations history"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAllColumnsShowFocus(true);
    m_list->setHeaderLabels({tr("When"), tr("Operation"), tr("State"), tr("Now")});
    m_list->header()->setStretchLastSection(true);
    m_list->header()->setSectionResizeMode(WhenColumn, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(StateColumn, QHeaderView::ResizeToContents);
    m_list->setColumnWidth(WhatColumn, 320);
    m_details = new QPlainTextEdit(split);
    m_details->setObjectName(QStringLiteral("details"));
    m_details->setReadOnly(true);
    m_details->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_details->setPlaceholderText(tr("The paths of the selected operation"));
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    layout->addWidget(split, 1);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_undo = buttons->addButton(tr("Undo Selected"), QDialogButtonBox::ActionRole);
    m_undo->setObjectName(QStringLiteral("undoSelected"));
    m_redo = buttons->addButton(tr("Redo Selected"), QDialogButtonBox::ActionRole);
    m_redo->setObjectName(QStringLiteral("redoSelected"));
    auto *refreshButton = buttons->addButton(tr("Refresh"), QDialogButtonBox::ActionRole);
    refreshButton->setObjectName(QStringLiteral("refresh"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_undo, &QPushButton::clicked, this, &HistoryDialog::undoSelected);
    connect(m_redo, &QPushButton::clicked, this, &HistoryDialog::redoSelected);
    connect(refreshButton, &QPushButton::clicked, this, &HistoryDialog::refresh);
    connect(m_list, &QTreeWidget::currentItemChanged, this, [this] {
        showDetails();
        updateButtons();
    });

    m_watcher = new QFutureWatcher<QList<Row>>(this);
    connect(m_watcher, &QFutureWatcherBase::finished, this, [this] {
        if (m_refreshAgain) {
            m_refreshAgain = false;
            refresh();
            return;
        }
        fill(m_watcher->result());
    });
    // Not wider than the screen (860 px cut the buttons off at 800x600).
    const QScreen *where = parent ? parent->screen() : screen();
    resize(where ? QSize(860, 480).boundedTo(where->availableSize() * 0.95) : QSize(860, 480));
    updateButtons();
    refresh();
}

HistoryDialog::~HistoryDialog()
{
    m_watcher->disconnect(this);
    m_watcher->waitForFinished();
}

void HistoryDialog::refresh()
{
    if (m_watcher->isRunning()) {
        m_refreshAgain = true; // the journal changed while it was being checked
        return;
    }
    m_ready = false;
    const QString file = m_file;
    // The checks lstat every path an entry names (and read no file's data): off the GUI
    // thread, as a journal of 200 entries of many paths each on a slow disk takes a while.
    m_watcher->setFuture(QtConcurrent::run([file] {
        const UndoJournal journal(file);
        QList<Row> rows;
        const QList<JournalEntry> entries = journal.entries();
        for (auto it = entries.crbegin(); it != entries.crend(); ++it) {
            rows.append(Row{*it, UndoJournal::whyNot(*it, it->undone)});
        }
        return rows;
    }));
}

void HistoryDialog::fill(const QList<Row> &rows)
{
    const qint64 keep = selected() ? selected()->entry.id : 0;
    m_rows = rows;
    m_list->clear();
    QTreeWidgetItem *current = nullptr;
    for (const Row &row : std::as_const(m_rows)) {
        auto *item = new QTreeWidgetItem(m_list);
        const JournalEntry &e = row.entry;
        item->setText(WhenColumn, e.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
        item->setText(WhatColumn, e.title);
        item->setToolTip(WhatColumn, e.title);
        item->setText(StateColumn, e.undone ? tr("Undone") : tr("Done"));
        QString verdict;
        if (!row.whyNot.isEmpty()) {
            verdict = (e.undone ? tr("Cannot be redone: %1") : tr("Cannot be undone: %1"))
                          .arg(row.whyNot);
        } else if (e.undone) {
            verdict = tr("Can be redone");
        } else if (e.kind == JournalEntry::Kind::Copy) {
            verdict = tr("Can be undone if unchanged (its data is read when undone)");
        } else {
            verdict = tr("Can be undone");
        }
        item->setText(VerdictColumn, verdict);
        item->setToolTip(VerdictColumn, verdict);
        item->setData(WhenColumn, Qt::UserRole, e.id);
        if (e.id == keep) {
            current = item;
        }
    }
    if (m_rows.isEmpty()) {
        m_status->setText(tr("No operation yet: what the Files tab does is listed here."));
    }
    m_list->setCurrentItem(current ? current : m_list->topLevelItem(0));
    showDetails();
    m_ready = true;
    updateButtons();
    Q_EMIT refreshed();
}

const HistoryDialog::Row *HistoryDialog::selected() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    if (!item) {
        return nullptr;
    }
    const qint64 id = item->data(WhenColumn, Qt::UserRole).toLongLong();
    const auto it = std::find_if(m_rows.cbegin(), m_rows.cend(),
                                 [id](const Row &r) { return r.entry.id == id; });
    return it == m_rows.cend() ? nullptr : &*it;
}

void HistoryDialog::updateButtons()
{
    const Row *row = selected();
    m_undo->setEnabled(canUndoSelected());
    m_redo->setEnabled(canRedoSelected());
    m_undo->setToolTip(row && !row->entry.undone && !row->whyNot.isEmpty() ? row->whyNot
                                                                            : QString());
    m_redo->setToolTip(row && row->entry.undone && !row->whyNot.isEmpty() ? row->whyNot
                                                                           : QString());
}

bool HistoryDialog::canUndoSelected() const
{
    const Row *row = selected();
    return m_ready && !m_waiting && row && !row->entry.undone && row->whyNot.isEmpty();
}

bool HistoryDialog::canRedoSelected() const
{
    const Row *row = selected();
    return m_ready && !m_waiting && row && row->entry.undone && row->whyNot.isEmpty();
}

void HistoryDialog::undoSelected()
{
    if (!canUndoSelected()) {
        return;
    }
    m_waiting = true;
    updateButtons();
    m_status->setText(tr("Undoing %1…").arg(selected()->entry.title));
    Q_EMIT undoRequested(selected()->entry.id);
}

void HistoryDialog::redoSelected()
{
    if (!canRedoSelected()) {
        return;
    }
    m_waiting = true;
    updateButtons();
    m_status->setText(tr("Redoing %1…").arg(selected()->entry.title));
    Q_EMIT redoRequested(selected()->entry.id);
}

void HistoryDialog::showResult(const QString &text, bool error)
{
    m_waiting = false;
    m_status->setText(text);
    m_status->setProperty("error", error);
    refresh();
}

int HistoryDialog::rowCount() const
{
    return m_list->topLevelItemCount();
}

qint64 HistoryDialog::idAt(int row) const
{
    const QTreeWidgetItem *item = m_list->topLevelItem(row);
    return item ? item->data(WhenColumn, Qt::UserRole).toLongLong() : 0;
}

QString HistoryDialog::whenAt(int row) const
{
    const QTreeWidgetItem *item = m_list->topLevelItem(row);
    return item ? item->text(WhenColumn) : QString();
}

QString HistoryDialog::whatAt(int row) const
{
    const QTreeWidgetItem *item = m_list->topLevelItem(row);
    return item ? item->text(WhatColumn) : QString();
}

QString HistoryDialog::stateAt(int row) const
{
    const QTreeWidgetItem *item = m_list->topLevelItem(row);
    return item ? item->text(StateColumn) : QString();
}

QString HistoryDialog::verdictAt(int row) const
{
    const QTreeWidgetItem *item = m_list->topLevelItem(row);
    return item ? item->text(VerdictColumn) : QString();
}

QString HistoryDialog::details() const
{
    const Row *row = selected();
    if (!row) {
        return QString();
    }
    QStringList lines;
    for (const JournalStep &s : row->entry.steps) {
        lines << (s.from.isEmpty() ? s.to : tr("%1 → %2").arg(s.from, s.to));
    }
    return lines.join(QLatin1Char('\n'));
}

void HistoryDialog::showDetails()
{
    // The verdict in full (the column elides a long reason), then the paths.
    const QTreeWidgetItem *item = m_list->currentItem();
    m_details->setPlainText(item ? item->text(VerdictColumn) + QLatin1String("\n\n") + details()
                                 : QString());
}

QString HistoryDialog::status() const
{
    return m_status->text();
}

bool HistoryDialog::isReady() const
{
    return m_ready;
}

void HistoryDialog::selectRow(int row)
{
    m_list->setCurrentItem(m_list->topLevelItem(row));
}
