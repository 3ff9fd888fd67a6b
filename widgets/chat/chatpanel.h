#pragma once

#include "panel.h"

/** The Chat tab. */
class ChatPanel : public Panel
{
    Q_OBJECT

public:
    explicit ChatPanel(QWidget *parent = nullptr);

    QString pythonCode() const override;

    /// `--serve tcp:PORT[:MODE]` / `udp:PORT`: starts a server at launch. False + @p error if bad.
    bool startServerPreset(const QString &spec, QString *error);
    /// `--connect [tcp:|udp:]HOST:PORT`: connects at launch. False + @p error if bad.
    bool connectPreset(const QString &spec, QString *error);
};
