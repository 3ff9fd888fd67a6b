#pragma once

#include "chat/framingspec.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QSettings;
class QSpinBox;

/**
 * The Chat tab's framing choice for one end of a TCP connection (core/chat/framingspec.h):
 * newline, raw, a 4-byte big-endian length before each message, or a fixed size N (its spin box
 * shown for that choice only). The panel puts one on the server form and one on the client form.
 */
class FramingBox : public QWidget
{
    Q_OBJECT

public:
    /// @p name prefixes the controls' object names ("serverFraming", "serverFramingSize").
    explicit FramingBox(const QString &name, QWidget *parent = nullptr);

    stdlab::Framing framing() const;
    void setFraming(const stdlab::Framing &framing);
    /// Locked while the server listens or the client is connected (it applies at the next start).
    void setLocked(bool locked);
    /// The controls in reading order.
    QList<QWidget *> focusChain() const;

    /// Kept under @p key as framingName() writes it ("length", "fixed:16").
    void saveSettings(QSettings &settings, const QString &key) const;
    /// A missing or unreadable value leaves the choice as it is.
    void restoreSettings(QSettings &settings, const QString &key);

Q_SIGNALS:
    void changed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateSize();

    QLabel *m_label;
    QComboBox *m_kind;
    QSpinBox *m_size;
};
