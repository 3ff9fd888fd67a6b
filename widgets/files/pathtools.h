#pragma once

#include <QWidget>

class QFormLayout;
class QLabel;
class QLineEdit;

/**
 * The path-tools section: os.path.join, basename, dirname, split, splitext, abspath, normpath,
 * exists, isfile, isdir and islink of what the user types, recomputed on every keystroke and
 * shown as Python prints them. Relative paths are taken from the folder the panel shows.
 */
class PathTools : public QWidget
{
    Q_OBJECT

public:
    explicit PathTools(QWidget *parent = nullptr);

    QString path() const;
    void setPath(const QString &path);
    QString joinPart() const;
    void setJoinPart(const QString &part);
    QString workingDirectory() const { return m_workingDirectory; }
    void setWorkingDirectory(const QString &directory);

    /// The shown result of @p function ("join", "basename", ... "islink") as Python's repr().
    QString result(const QString &function) const;
    /// The program printing every result, with the results as comments.
    QString pythonCode() const;
    /// False when the section is too narrow and each result is under its call.
    bool resultsBesideCalls() const;
    /// The narrowest a result may be beside its call, in average characters.
    static constexpr int MinValueChars = 24;

Q_SIGNALS:
    /// The inputs changed (and so did the results and pythonCode()).
    void changed();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void recompute();
    void updateRowWrap();

    QLineEdit *m_pathEdit;
    QLineEdit *m_joinEdit;
    QFormLayout *m_results;
    QFormLayout *m_inputs = nullptr;
    int m_labelWidth = 0;
    int m_valueWidth = 0;
    QString m_workingDirectory;
    QList<QPair<QString, QLabel *>> m_rows; // function name -> result label
    QList<QPair<QString, QString>> m_lines; // expression -> repr, for pythonCode()
};
