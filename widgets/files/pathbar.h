#pragma once

#include <QWidget>

class QHBoxLayout;
class QLineEdit;
class QStackedWidget;
class QToolButton;

/**
 * The location bar: the path as breadcrumb buttons (click one to go there), or, in edit mode
 * (click the empty space, or Ctrl+L), a line edit where Enter goes to the typed path.
 */
class PathBar : public QWidget
{
    Q_OBJECT

public:
    explicit PathBar(QWidget *parent = nullptr);

    QString path() const { return m_path; }
    void setPath(const QString &path);
    bool isEditing() const;
    /// The directories the breadcrumbs show, first to last (for tests).
    QStringList crumbPaths() const;

public Q_SLOTS:
    void startEditing();
    void stopEditing();

Q_SIGNALS:
    /// A crumb was clicked or a path typed; @p path is as typed (may be relative or ~).
    void pathRequested(const QString &path);

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void rebuildCrumbs();
    void fitCrumbs();

    QString m_path;
    QStackedWidget *m_stack;
    QWidget *m_crumbs;
    QHBoxLayout *m_crumbLayout;
    QToolButton *m_overflow;
    QLineEdit *m_edit;
    QToolButton *m_editButton;
    QList<QToolButton *> m_buttons;
};
