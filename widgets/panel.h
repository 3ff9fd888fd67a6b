#pragma once

#include <QSettings>
#include <QWidget>

/** Base of the four tab panels: a Python equivalent of the current operation, and settings. */
class Panel : public QWidget
{
    Q_OBJECT

public:
    using QWidget::QWidget;

    /// The Python program equivalent to what the panel currently shows.
    virtual QString pythonCode() const = 0;
    /// Saves the panel's last inputs; @p settings is already inside the panel's group.
    virtual void saveSettings(QSettings &settings) const { Q_UNUSED(settings) }
    /// Restores what saveSettings() wrote; missing keys keep their defaults.
    virtual void restoreSettings(QSettings &settings) { Q_UNUSED(settings) }

Q_SIGNALS:
    /// Emitted when pythonCode() would now return something else.
    void pythonCodeChanged();
};
