#include "chat/conversationview.h"

#include "appearance.h"

#include "chat/conversationmodel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QFontDatabase>
#include <QMenu>
#include <QPainter>
#include <QScrollBar>
#include <QStyledItemDelegate>

using stdlab::chat::ConversationModel;

namespace {

using stdlab::appearance::Tint;
using stdlab::appearance::tint;

/** Paints one entry as columns without widgets; only visible rows are ever painted. */
class ConversationDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const override
    {
        return {400, option.fontMetrics.height() + 6};
    }

    void paint(QPainter *p, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        opt.text.clear();
        const QWidget *widget = option.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, p, widget);

        using Direction = ConversationModel::Direction;
        const auto direction = Direction(index.data(ConversationModel::DirectionRole).toInt());
        const bool selected = option.state & QStyle::State_Selected;
        const QPalette &pal = option.palette;
        const QColor text = pal.color(selected ? QPalette::HighlightedText : QPalette::Text);
        QColor dim = pal.color(selected ? QPalette::HighlightedText : QPalette::PlaceholderText);
        const QFontMetrics &fm = option.fontMetrics;
        QRect r = option.rect.adjusted(6, 0, -6, 0);

        p->save();
        // Time
        const QDateTime time = index.data(ConversationModel::TimeRole).toDateTime();
        const int timeWidth = fm.horizontalAdvance(QStringLiteral("00:00:00.000")) + 10;
        if (time.isValid()) {
            p->setPen(dim);
            p->drawText(QRect(r.left(), r.top(), timeWidth, r.height()),
                        Qt::AlignLeft | Qt::AlignVCenter, time.toString(QStringLiteral("HH:mm:ss.zzz")));
        }
        r.setLeft(r.left() + timeWidth);

        // Direction
        QString arrow;
        QColor arrowColor;
        switch (direction) {
        case Direction::In:
            arrow = QStringLiteral("◀");
            arrowColor = tint(Tint::Incoming, option.palette);
            break;
        case Direction::Out:
            arrow = QStringLiteral("▶");
            arrowColor = tint(Tint::Outgoing, option.palette);
            break;
        case Direction::System:
            arrow = QStringLiteral("●");
            arrowColor = index.data(ConversationModel::ErrorRole).toBool()
                ? tint(Tint::Error, option.palette)
                : dim;
            break;
        }
        const int arrowWidth = fm.horizontalAdvance(QStringLiteral("◀")) + 10;
        p->setPen(selected ? text : arrowColor);
        p->drawText(QRect(r.left(), r.top(), arrowWidth, r.height()), Qt::AlignLeft | Qt::AlignVCenter,
                    arrow);
        r.setLeft(r.left() + arrowWidth);

        // Peer
        const int peerWidth = fm.horizontalAdvance(QStringLiteral("000.000.000.000:00000")) + 10;
        const QString peer = index.data(ConversationModel::PeerRole).toString();
        if (direction != Direction::System || !peer.isEmpty()) {
            p->setPen(selected ? text : arrowColor);
            p->drawText(QRect(r.left(), r.top(), peerWidth - 10, r.height()),
                        Qt::AlignLeft | Qt::AlignVCenter,
                        fm.elidedText(peer, Qt::ElideMiddle, peerWidth - 10));
        }
        r.setLeft(r.left() + peerWidth);

        // Text
        QString message = index.data(ConversationModel::TextRole).toString();
        QFont font = option.font;
        if (index.data(ConversationModel::HexRole).toBool()) {
            font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
            const QString badge = QStringLiteral("HEX");
            QFont small = option.font;
            small.setPointSizeF(small.pointSizeF() * 0.8);
            small.setBold(true);
            p->setFont(small);
            const int w = QFontMetrics(small).horizontalAdvance(badge) + 8;
            const QRect b(r.left(), r.center().y() - QFontMetrics(small).height() / 2, w,
                          QFontMetrics(small).height());
            p->setPen(dim);
            p->drawRoundedRect(b.adjusted(0, 0, -1, -1), 3, 3);
            p->drawText(b, Qt::AlignCenter, badge);
            r.setLeft(r.left() + w + 6);
        }
        QColor messageColor = text;
        if (direction == Direction::System) {
            font.setItalic(true);
            messageColor = index.data(ConversationModel::ErrorRole).toBool() && !selected
                ? tint(Tint::Error, option.palette)
                : dim;
        }
        p->setFont(font);
        p->setPen(messageColor);
        const QFontMetrics mfm(font);
        // Very long messages: elide on a bounded prefix so painting stays cheap.
        if (message.size() > 2000) {
            message.truncate(2000);
        }
        p->drawText(r, Qt::AlignLeft | Qt::AlignVCenter,
                    mfm.elidedText(message, Qt::ElideRight, r.width()));
        p->restore();
    }
};

} // namespace

ConversationView::ConversationView(QWidget *parent)
    : QListView(parent)
{
    setObjectName(QStringLiteral("conversationView"));
    setUniformItemSizes(true); // constant-time layout whatever the number of entries
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setTextElideMode(Qt::ElideRight);
    setItemDelegate(new ConversationDelegate(this));
    setAlternatingRowColors(false);
    watchScrollBar();

    auto *hexAction = new QAction(tr("Show as Hex / Text"), this);
    hexAction->setObjectName(QStringLiteral("actionToggleHex"));
    hexAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    hexAction->setShortcutContext(Qt::WidgetShortcut);
    connect(hexAction, &QAction::triggered, this, &ConversationView::toggleHexOfSelection);
    addAction(hexAction);
    auto *copyAction = new QAction(tr("Copy"), this);
    copyAction->setShortcut(QKeySequence::Copy);
    copyAction->setShortcutContext(Qt::WidgetShortcut);
    connect(copyAction, &QAction::triggered, this, [this] { copySelection(false); });
    addAction(copyAction);

    connect(this, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        if (m_model) {
            m_model->toggleHex(index.row());
        }
    });
}

void ConversationView::setConversation(ConversationModel *model)
{
    m_model = model;
    setModel(model);
}

void ConversationView::followIfAtBottom()
{
    if (m_following) {
        scrollToBottom();
    }
}

void ConversationView::watchScrollBar()
{
    // Following is what the user chose by scrolling, not a snapshot taken before each insertion:
    // the range also grows when the view gets shorter (the input grows by a line on Shift+Enter)
    // and the rows arrive after such a change, so a snapshot found the view "not at the bottom".
    QScrollBar *bar = verticalScrollBar();
    connect(bar, &QScrollBar::valueChanged, this, [this, bar](int value) {
        if (!m_adjusting) {
            m_following = value >= bar->maximum() - 2;
        }
    });
    connect(bar, &QScrollBar::rangeChanged, this, [this, bar](int, int maximum) {
        if (m_following && bar->value() != maximum) {
            m_adjusting = true;
            bar->setValue(maximum);
            m_adjusting = false;
        }
    });
}

void ConversationView::toggleHexOfSelection()
{
    if (!m_model) {
        return;
    }
    const QModelIndexList rows = selectionModel()->selectedRows();
    if (rows.isEmpty() && currentIndex().isValid()) {
        m_model->toggleHex(currentIndex().row());
        return;
    }
    for (const QModelIndex &index : rows) {
        m_model->toggleHex(index.row());
    }
}

void ConversationView::copySelection(bool hex)
{
    if (!m_model) {
        return;
    }
    QModelIndexList rows = selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end());
    QStringList lines;
    for (const QModelIndex &index : rows) {
        const QByteArray bytes = index.data(ConversationModel::BytesRole).toByteArray();
        if (index.data(ConversationModel::TrimNoteRole).toBool()) {
            lines << index.data(Qt::DisplayRole).toString();
        } else {
            lines << (hex ? ConversationModel::hexText(bytes)
                          : ConversationModel::decodedText(bytes));
        }
    }
    QApplication::clipboard()->setText(lines.join(QLatin1Char('\n')));
}

void ConversationView::contextMenuEvent(QContextMenuEvent *event)
{
    const QModelIndex index = indexAt(event->pos());
    QMenu menu(this);
    if (index.isValid() && !index.data(ConversationModel::TrimNoteRole).toBool()) {
        const bool hex = index.data(ConversationModel::HexRole).toBool();
        menu.addAction(hex ? tr("Show as Text") : tr("Show as Hex"), this,
                       [this, index] { m_model->toggleHex(index.row()); });
        menu.addSeparator();
    }
    QAction *copy = menu.addAction(tr("Copy"), this, [this] { copySelection(false); });
    QAction *copyHex = menu.addAction(tr("Copy as Hex"), this, [this] { copySelection(true); });
    copy->setEnabled(selectionModel() && selectionModel()->hasSelection());
    copyHex->setEnabled(copy->isEnabled());
    menu.exec(event->globalPos());
}
