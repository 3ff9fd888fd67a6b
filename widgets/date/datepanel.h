#pragma once

#include "panel.h"

/** The Dates tab. */
class DatePanel : public Panel
{
    Q_OBJECT

public:
    explicit DatePanel(QWidget *parent = nullptr);

    QString pythonCode() const override;
};
