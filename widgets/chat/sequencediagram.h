#pragma once

#include "chat/sequencemodel.h"

#include <QWidget>

#include <functional>
#include <optional>

class QComboBox;
class QLabel;
class QPushButton;
class QScrollArea;

/**
 * A connection's sequence diagram: two lanes (client, server), the socket calls on them in
 * order, and the handshake, the bytes, FIN and RST as arrows between them. Paints only the rows
 * in view; the row under the mouse is marked and its tooltip shows the bytes. Exports the whole
 * diagram as PNG or SVG.
 */
class SequenceDiagram : public QWidget
{
    Q_OBJECT

public:
    explicit SequenceDiagram(stdlab::chat::SequenceModel *model, QWidget *parent = nullptr);

    /// Shows @p serial's steps (0: none).
    void setConnection(int serial);
    int connection() const { return m_serial; }
    int stepCount() const { return int(m_steps.size()); }
    /// The step drawn at @p y (widget coordinates), or -1.
    int stepAt(int y) const;
    /// Where step @p i is drawn (its row).
    QRect stepRect(int i) const;
    /// What the tooltip of step @p i says: the call or arrow, its time, its bytes.
    QString stepToolTip(int i) const;
    int hoveredStep() const { return m_hovered; }

    /// Writes the diagram to @p path: SVG when it ends in .svg, else PNG. False and
    /// errorString() when it cannot be written.
    bool exportTo(const QString &path);
    QString errorString() const { return m_error; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    /// The diagram grew (new steps): the view may follow the newest.
    void grew();

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    bool event(QEvent *event) override;

private:
    void reload();
    int rowHeight() const;
    int headerHeight() const;
    /// Paints steps [first, last] of the diagram @p width wide, step @p base in the first row.
    void paintDiagram(QPainter &p, int width, int first, int last, int base,
                      bool forExport) const;

    stdlab::chat::SequenceModel *m_model;
    QList<stdlab::chat::SequenceModel::Step> m_steps;
    QString m_peer;
    int m_serial = 0;
    int m_hovered = -1;
    QString m_error;
};

/** The Chat tab's sequence page: a connection list, Export PNG/SVG, and the scrolled diagram. */
class SequenceView : public QWidget
{
    Q_OBJECT

public:
    using PathAsker = std::function<std::optional<QString>(const QString &suggested)>;

    explicit SequenceView(stdlab::chat::SequenceModel *model, QWidget *parent = nullptr);

    SequenceDiagram *diagram() const { return m_diagram; }
    QComboBox *connections() const { return m_connections; }
    /// Where Export asks for a file (the panel's prompter).
    void setPathAsker(PathAsker asker) { m_ask = std::move(asker); }
    /// Export… with @p suffix "png" or "svg": asks for a path and writes it.
    void exportAs(const QString &suffix);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void reloadConnections();

    stdlab::chat::SequenceModel *m_model;
    QComboBox *m_connections = nullptr;
    QPushButton *m_png = nullptr;
    QPushButton *m_svg = nullptr;
    QLabel *m_status = nullptr;
    QScrollArea *m_scroll = nullptr;
    SequenceDiagram *m_diagram = nullptr;
    PathAsker m_ask;
    bool m_following = true;
};
