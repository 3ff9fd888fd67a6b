#pragma once

#include "panel.h"

/** The Files tab. */
class FilesPanel : public Panel
{
    Q_OBJECT

public:
    explicit FilesPanel(QWidget *parent = nullptr);

    QString pythonCode() const override;
};
