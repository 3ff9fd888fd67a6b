#include "chat/framingbox.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QSettings>
#include <QSpinBox>

using stdlab::Framing;
using stdlab::FramingKind;

FramingBox::FramingBox(const QString &name, QWidget *parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
    , m_kind(new QComboBox(this))
    , m_size(new QSpinBox(this))
{
    setObjectName(name + QStringLiteral("Box"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_kind->setObjectName(name);
    for (FramingKind k : {FramingKind::Newline, FramingKind::Raw, FramingKind::Length,
                          FramingKind::Fixed}) {
        m_kind->addItem(QString(), int(k));
    }
    m_kind->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_label->setBuddy(m_kind);
    m_size->setObjectName(name + QStringLiteral("Size"));
    m_size->setRange(1, stdlab::kMaxFrameBytes);
    m_size->setValue(16);
    m_size->setGroupSeparatorShown(false);
    layout->addWidget(m_label);
    layout->addWidget(m_kind);
    layout->addWidget(m_size);
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Preferred);
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        updateSize();
        Q_EMIT changed();
    });
    connect(m_size, &QSpinBox::valueChanged, this, [this] { Q_EMIT changed(); });
    retranslate();
    updateSize();
}

Framing FramingBox::framing() const
{
    const auto kind = FramingKind(m_kind->currentData().toInt());
    return {kind, kind == FramingKind::Fixed ? m_size->value() : 0};
}

void FramingBox::setFraming(const Framing &framing)
{
    if (framing.kind == FramingKind::Fixed) {
        m_size->setValue(framing.size);
    }
    m_kind->setCurrentIndex(std::max(0, m_kind->findData(int(framing.kind))));
}

void FramingBox::setLocked(bool locked)
{
    m_kind->setEnabled(!locked);
    m_size->setEnabled(!locked);
}

QList<QWidget *> FramingBox::focusChain() const
{
    return {m_kind, m_size};
}

void FramingBox::saveSettings(QSettings &settings, const QString &key) const
{
    settings.setValue(key, stdlab::framingName(framing()));
}

void FramingBox::restoreSettings(QSettings &settings, const QString &key)
{
    if (const auto f = stdlab::parseFraming(settings.value(key).toString())) {
        setFraming(*f);
    }
}

void FramingBox::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    QWidget::changeEvent(event);
}

void FramingBox::updateSize()
{
    m_size->setVisible(FramingKind(m_kind->currentData().toInt()) == FramingKind::Fixed);
}

void FramingBox::retranslate()
{
    m_label->setText(tr("&Framing:"));
    const QString names[] = {tr("newline"), tr("raw"), tr("length (4 B)"), tr("fixed size")};
    const QString tips[] = {
        tr("Each message ends with \\n (as nc and the course's programs send it)"),
        tr("No framing: every recv() is a message, whatever it holds"),
        tr("Each message is a 4-byte big-endian length, then that many bytes "
           "(struct.pack(\"!I\", n))"),
        tr("Every message is exactly N bytes; a shorter one is padded with NUL bytes")};
    for (int i = 0; i < 4; ++i) {
        m_kind->setItemText(i, names[i]);
        m_kind->setItemData(i, tips[i], Qt::ToolTipRole);
    }
    m_kind->setToolTip(tr("How a message is cut from the TCP byte stream, and how what is sent "
                          "is marked; both ends must agree"));
    m_size->setSuffix(tr(" B"));
    m_size->setToolTip(tr("Bytes per message"));
    m_size->setAccessibleName(tr("Frame size"));
}
