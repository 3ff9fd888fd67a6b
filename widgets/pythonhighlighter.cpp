#include "pythonhighlighter.h"

#include <QGuiApplication>
#include <QPalette>

PythonHighlighter::PythonHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
    const QString keywords = QStringLiteral(
        "\\b(?:False|None|True|and|as|assert|async|await|break|class|continue|def|del|elif|else|"
        "except|finally|for|from|global|if|import|in|is|lambda|nonlocal|not|or|pass|raise|"
        "return|try|while|with|yield)\\b");
    const QString builtins = QStringLiteral(
        "\\b(?:print|len|range|input|open|int|str|float|list|dict|tuple|set|bytes|repr|"
        "isinstance|super|self|enumerate|zip|sorted|min|max|sum|abs)\\b");
    m_rules = {
        {QRegularExpression(keywords), &m_keyword},
        {QRegularExpression(builtins), &m_builtin},
        {QRegularExpression(QStringLiteral("\\b[0-9]+(?:\\.[0-9]+)?\\b")), &m_number},
        {QRegularExpression(QStringLiteral("^\\s*@\\w+")), &m_decorator},
        // Strings last but one and comments last: they override what lies inside them.
        {QRegularExpression(QStringLiteral(
             "(?:\\b[rbfRBF]{1,2})?(?:\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*')")),
         &m_string},
        {QRegularExpression(QStringLiteral("#[^\\n]*$")), &m_comment},
    };
    updateColors(QGuiApplication::palette());
}

void PythonHighlighter::updateColors(const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    m_keyword.setForeground(dark ? QColor(0xc6, 0x78, 0xdd) : QColor(0x7a, 0x1f, 0xa2));
    m_keyword.setFontWeight(QFont::Bold);
    m_builtin.setForeground(dark ? QColor(0x61, 0xaf, 0xef) : QColor(0x1a, 0x56, 0xb0));
    m_string.setForeground(dark ? QColor(0x98, 0xc3, 0x79) : QColor(0x2e, 0x7d, 0x32));
    m_number.setForeground(dark ? QColor(0xd1, 0x9a, 0x66) : QColor(0xb3, 0x5c, 0x00));
    m_comment.setForeground(dark ? QColor(0x8b, 0x94, 0x9e) : QColor(0x6a, 0x73, 0x7d));
    m_comment.setFontItalic(true);
    m_decorator.setForeground(m_number.foreground());
    rehighlight();
}

void PythonHighlighter::highlightBlock(const QString &text)
{
    for (const Rule &rule : std::as_const(m_rules)) {
        auto it = rule.pattern.globalMatch(text);
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            setFormat(int(m.capturedStart()), int(m.capturedLength()), *rule.format);
        }
    }
}
