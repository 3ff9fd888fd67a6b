#pragma once

#include <QObject>

class QWidget;

/**
 * For `bench/run startup`: when STDLAB_STARTUP_PROBE is set, prints the wall-clock time at which
 * the first window has been exposed and painted, and the peak RSS, then the titles of its tabs
 * (in the UI language) on a second line, then quits.
 */
class StartupProbe : public QObject
{
    Q_OBJECT

public:
    static bool enabled();
    static void attach(QWidget *window);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    using QObject::QObject;
    bool m_done = false;
};
