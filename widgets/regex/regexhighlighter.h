#pragma once

#include <QColor>
#include <QSyntaxHighlighter>

/** The highlight colours of the Regex tab: the whole match, and each group (1-based). */
namespace RegexColors {
QColor match();
QColor group(int g);
} // namespace RegexColors

/**
 * Colours a Python pattern (core's tokenizePattern): escapes, classes, quantifiers, anchors;
 * capturing groups' parentheses get the background their group has in the test text.
 */
class RegexHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    explicit RegexHighlighter(QTextDocument *document);
    /// VERBOSE set from the flag checkbox (whitespace and # comments then change meaning).
    void setVerbose(bool verbose);

protected:
    void highlightBlock(const QString &text) override;

private:
    bool m_verbose = false;
};
