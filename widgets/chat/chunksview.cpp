#include "chat/chunksview.h"

#include "appearance.h"

#include "chat/chatsession.h"
#include "chat/chunkmodel.h"

#include <QCheckBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QScrollBar>
#include <QSpinBox>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

using stdlab::chat::ChatSession;
using stdlab::chat::ChunkModel;

namespace {

/** Tints the send() column by what the read holds: a piece of a send, or sends glued. */
class SendsDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        using stdlab::appearance::Tint;
        switch (ChunkModel::Shape(index.data(ChunkModel::ShapeRole).toInt())) {
        case ChunkModel::Shape::Part:
            option->palette.setColor(QPalette::Text,
                                     stdlab::appearance::tint(Tint::Warning, option->palette));
            break;
        case ChunkModel::Shape::Glued:
            option->palette.setColor(QPalette::Text,
                                     stdlab::appearance::tint(Tint::Information, option->palette));
            break;
        case ChunkModel::Shape::Reset:
            option->palette.setColor(QPalette::Text,
                                     stdlab::appearance::tint(Tint::Error, option->palette));
            break;
        case ChunkModel::Shape::Backlog:
            option->palette.setColor(QPalette::Text,
                                     stdlab::appearance::tint(Tint::Warning, option->palette));
            option->font.setItalic(true);
            break;
        default:
            break;
        }
    }
};

} // namespace

ChunksView::ChunksView(ChatSession *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_model(session->chunks())
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *slowRow = new QHBoxLayout;
    m_slow = new QCheckBox(this);
    m_slow->setObjectName(QStringLiteral("slowReader"));
    m_slowBytes = new QSpinBox(this);
    m_slowBytes->setObjectName(QStringLiteral("slowReaderBytes"));
    m_slowBytes->setRange(1, 65536);
    m_slowBytes->setValue(10);
    m_bytesLabel = new QLabel(this);
    m_slowPause = new QSpinBox(this);
    m_slowPause->setObjectName(QStringLiteral("slowReaderPause"));
    m_slowPause->setRange(0, 10000);
    m_slowPause->setSingleStep(100);
    m_slowPause->setValue(500);
    slowRow->addWidget(m_slow);
    slowRow->addWidget(m_slowBytes);
    slowRow->addWidget(m_bytesLabel);
    slowRow->addWidget(m_slowPause);
    slowRow->addStretch();
    layout->addLayout(slowRow);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("chunksStatus"));
    m_status->setWordWrap(true);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_status);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("chunksTable"));
    m_table->setModel(m_model);
    m_table->setItemDelegateForColumn(ChunkModel::SendsColumn, new SendsDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    QHeaderView *h = m_table->horizontalHeader();
    h->setSectionResizeMode(QHeaderView::Interactive);
    h->setStretchLastSection(true);
    const QFontMetrics fm = m_table->fontMetrics();
    auto fit = [&](int column, const QString &sample) {
        m_table->setColumnWidth(column, fm.horizontalAdvance(sample) + 12);
    };
    fit(ChunkModel::NumberColumn, QStringLiteral("00000"));
    fit(ChunkModel::TimeColumn, QStringLiteral("00:00:00.000"));
    fit(ChunkModel::GapColumn, QStringLiteral("+0000.0 ms"));
    fit(ChunkModel::PeerColumn, QStringLiteral("127.0.0.1:00000"));
    fit(ChunkModel::SizeColumn, QStringLiteral("00,000"));
    fit(ChunkModel::SendsColumn,
        QStringLiteral("part of send #10: [0:65536] of 1,048,576 B (xx)"));
    fit(ChunkModel::DataColumn, QStringLiteral("xxxxxxxxxxxxxxxxxxxx"));
    layout->addWidget(m_table, 1);

    connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        m_following = value >= m_table->verticalScrollBar()->maximum();
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &ChunksView::followIfAtBottom);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &ChunksView::updateStatus);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ChunksView::updateStatus);
    connect(session, &ChatSession::statsSampled, this, &ChunksView::updateStatus);

    auto apply = [this] { applySlowReader(); };
    connect(m_slow, &QCheckBox::toggled, this, apply);
    connect(m_slowBytes, &QSpinBox::valueChanged, this, apply);
    connect(m_slowPause, &QSpinBox::valueChanged, this, apply);
    applySlowReader();
    retranslate();
}

void ChunksView::applySlowReader()
{
    const bool on = m_slow->isChecked();
    m_slowBytes->setEnabled(on);
    m_slowPause->setEnabled(on);
    m_session->setSlowReader(on ? m_slowBytes->value() : 0, on ? m_slowPause->value() : 0);
}

void ChunksView::followIfAtBottom()
{
    if (m_following) {
        m_table->scrollToBottom();
    }
}

void ChunksView::updateStatus()
{
    const QLocale locale;
    QStringList parts;
    const int connections = m_model->connectionCount();
    if (m_model->rowCount() == 0) {
        parts << tr("One row per recv(): how many bytes each read returned and when. A message "
                    "may arrive in pieces, or several glued together.");
    } else if (connections > 0) {
        parts << tr("Sender's send() calls known for %1 of %n connection(s)", nullptr, connections)
                     .arg(m_model->connectionsWithSends());
    }
    if (m_model->trimmedCount() > 0) {
        parts << tr("%n older read(s) trimmed", nullptr, int(qMin<qint64>(m_model->trimmedCount(),
                                                                          INT_MAX)));
    }
    const qint64 waiting = m_session->bytesToWrite();
    if (m_session->role() == stdlab::chat::Role::Client && waiting > 0) {
        parts << tr("%1 B sent but not yet taken by the kernel (the other end reads slowly)")
                     .arg(locale.toString(waiting));
    }
    m_status->setText(parts.join(QStringLiteral(" · ")));
}

void ChunksView::retranslate()
{
    m_slow->setText(tr("Slow reader: read"));
    m_slow->setToolTip(tr("Read at most this many bytes at a time and pause between reads: the "
                          "rest waits in the kernel, whose buffers fill until the sender "
                          "blocks"));
    m_bytesLabel->setText(tr("bytes, then pause"));
    m_slowBytes->setAccessibleName(tr("Bytes per read"));
    m_slowPause->setAccessibleName(tr("Pause between reads"));
    m_table->setAccessibleName(tr("Reads"));
    m_slowPause->setSuffix(tr(" ms"));
    updateStatus();
}

void ChunksView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    QWidget::changeEvent(event);
}
