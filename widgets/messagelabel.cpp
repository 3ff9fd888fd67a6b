#include "messagelabel.h"

#include "appearance.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QScrollArea>
#include <QStyle>
#include <QToolButton>

namespace {

constexpr int AccentWidth = 3;

QColor mix(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(a.redF() * (1 - t) + b.redF() * t, a.greenF() * (1 - t) + b.greenF() * t,
                            a.blueF() * (1 - t) + b.blueF() * t);
}

} // namespace

MessageLabel::MessageLabel(QWidget *parent)
    : QWidget(parent)
    , m_icon(new QLabel(this))
    , m_label(new QLabel(this))
{
    m_label->setObjectName(QStringLiteral("messageText"));
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::PlainText);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Ignored: the text's width never becomes the window's minimum width; it wraps instead.
    m_label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setFixedSize(iconSize, iconSize);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(AccentWidth + 6, 3, 4, 3);
    layout->setSpacing(6);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_label, 1);
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    m_label->setMinimumHeight(qMax(fontMetrics().lineSpacing(), iconSize));
    updateHeight();
    hide();
}

void MessageLabel::showMessage(const QString &text, Kind kind)
{
    if (text.isEmpty()) {
        clear();
        return;
    }
    m_kind = kind;
    m_empty = false;
    m_label->setText(text);
    // A long unbreakable token (a path) may be clipped: the tooltip keeps all of it.
    setToolTip(text);
    updateIcon();
    if (m_close) {
        m_close->show();
    }
    updateHeight();
    show();
    update();
}

void MessageLabel::setError(const QString &text)
{
    showMessage(text, Error);
}

void MessageLabel::clear()
{
    m_empty = true;
    m_label->clear();
    setToolTip(QString());
    updateIcon();
    if (m_close) {
        m_close->hide();
    }
    updateHeight();
    setVisible(m_reserveSpace);
    update();
}

QString MessageLabel::text() const
{
    return m_label->text();
}

void MessageLabel::setReservedLines(int lines)
{
    m_reservedLines = qMax(0, lines);
    m_reserveSpace = m_reservedLines > 0;
    updateHeight();
    if (m_empty) {
        setVisible(m_reserveSpace);
    }
}

void MessageLabel::setFixedLines(int lines)
{
    m_fixedLines = qMax(0, lines);
    if (m_fixedLines > 0 && !m_scroll) {
        // The text scrolls inside a frameless, see-through area: the tint stays this widget's.
        m_scroll = new QScrollArea(this);
        m_scroll->setObjectName(QStringLiteral("messageScroll"));
        m_scroll->setFrameShape(QFrame::NoFrame);
        m_scroll->setFocusPolicy(Qt::NoFocus);
        m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        m_scroll->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
        m_scroll->setWidgetResizable(true);
        m_scroll->viewport()->setAutoFillBackground(false);
        auto *box = static_cast<QHBoxLayout *>(layout());
        const int at = box->indexOf(m_label);
        box->removeWidget(m_label);
        m_scroll->setWidget(m_label);
        m_label->setAutoFillBackground(false); // setWidget() turned it on
        box->insertWidget(at, m_scroll, 1);
    }
    setReservedLines(m_fixedLines);
}

void MessageLabel::setClosable(bool closable)
{
    if (closable && !m_close) {
        m_close = new QToolButton(this);
        m_close->setObjectName(QStringLiteral("messageClose"));
        m_close->setAutoRaise(true);
        m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
        m_close->setToolTip(tr("Close"));
        m_close->setAccessibleName(tr("Close the message"));
        m_close->setVisible(!m_empty);
        static_cast<QHBoxLayout *>(layout())->addWidget(m_close, 0, Qt::AlignTop);
        connect(m_close, &QToolButton::clicked, this, [this] {
            clear();
            Q_EMIT closed();
        });
    } else if (!closable && m_close) {
        delete m_close;
        m_close = nullptr;
    }
}

void MessageLabel::setWordWrap(bool wrap)
{
    m_label->setWordWrap(wrap);
    updateHeight();
}

QSize MessageLabel::sizeHint() const
{
    return QSize(0, m_height);
}

QSize MessageLabel::minimumSizeHint() const
{
    return QSize(0, m_height);
}

void MessageLabel::updateHeight()
{
    // The text's height at the width the layout gave (one line until it gave one).
    // A hidden label (the error page of a stacked slot) has its layout's width but no resize
    // event yet: WA_Resized says the width is the layout's, not QWidget's default.
    if (m_fixedLines > 0) {
        const QMargins margins = layout()->contentsMargins();
        const int height = qMax(margins.top() + margins.bottom()
                                    + m_fixedLines * fontMetrics().lineSpacing(),
                                layout()->totalMinimumSize().height());
        if (height != m_height) {
            m_height = height;
            updateGeometry();
        }
        return;
    }
    const int width = m_laidOut || testAttribute(Qt::WA_Resized) ? this->width() : 400;
    int height = layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width)
                                               : layout()->totalSizeHint().height();
    height = qMax(height, layout()->totalMinimumSize().height());
    if (m_reservedLines > 1) {
        const QMargins margins = layout()->contentsMargins();
        height = qMax(height, margins.top() + margins.bottom()
                                  + m_reservedLines * fontMetrics().lineSpacing());
    }
    if (height != m_height) {
        m_height = height;
        updateGeometry();
    }
}

void MessageLabel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    m_laidOut = true;
    updateHeight();
}

QColor MessageLabel::accent() const
{
    using stdlab::appearance::Tint;
    switch (m_kind) {
    case Error:
        return stdlab::appearance::tint(Tint::Error, palette());
    case Warning:
        return stdlab::appearance::tint(Tint::Warning, palette());
    case Information:
        break;
    }
    return stdlab::appearance::tint(Tint::Information, palette());
}

void MessageLabel::updateIcon()
{
    if (m_empty) {
        m_icon->clear();
        return;
    }
    const QStyle::StandardPixmap pixmap = m_kind == Error     ? QStyle::SP_MessageBoxCritical
                                          : m_kind == Warning ? QStyle::SP_MessageBoxWarning
                                                              : QStyle::SP_MessageBoxInformation;
    m_icon->setPixmap(style()->standardIcon(pixmap, nullptr, this).pixmap(m_icon->size()));
}

void MessageLabel::paintEvent(QPaintEvent *event)
{
    Q_UNUSED(event)
    if (m_empty) {
        return;
    }
    // A tint of the palette's own window colour keeps the text (WindowText) readable in light,
    // dark and high-contrast palettes alike.
    QPainter painter(this);
    const QColor window = palette().color(QPalette::Window);
    painter.fillRect(rect(), mix(window, accent(), 0.16));
    painter.fillRect(QRect(0, 0, AccentWidth, height()), accent());
}

void MessageLabel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::StyleChange || event->type() == QEvent::FontChange) {
        const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
        m_icon->setFixedSize(iconSize, iconSize);
        m_label->setMinimumHeight(qMax(fontMetrics().lineSpacing(), iconSize));
        updateIcon();
        updateHeight();
    }
    QWidget::changeEvent(event);
}
