#pragma once

#include "panel.h"

/** The Regular expressions tab. */
class RegexPanel : public Panel
{
    Q_OBJECT

public:
    explicit RegexPanel(QWidget *parent = nullptr);

    QString pythonCode() const override;
};
