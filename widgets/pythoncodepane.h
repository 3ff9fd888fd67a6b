#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class PythonHighlighter;

/** Read-only, syntax-coloured view of the Python code equivalent to a panel's operation. */
class PythonCodePane : public QWidget
{
    Q_OBJECT

public:
    explicit PythonCodePane(QWidget *parent = nullptr);

    QString code() const;
    /// The height that shows the whole program (every line, no scrolling), and the footer.
    int heightForCode() const;
    /// Puts @p widget in the header, before Copy (Run in Python's buttons).
    void addHeaderWidget(QWidget *widget);
    /// Puts @p widget under the code (Run in Python's output).
    void addFooterWidget(QWidget *widget);

public Q_SLOTS:
    void setCode(const QString &code);
    /// Puts the code on the clipboard.
    void copy();

Q_SIGNALS:
    void copied();

protected:
    void changeEvent(QEvent *event) override;

private:
    QLabel *m_title;
    QPlainTextEdit *m_editor;
    QPushButton *m_copyButton;
    QWidget *m_footer = nullptr;
    PythonHighlighter *m_highlighter;
};
