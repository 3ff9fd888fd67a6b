#include "regex/regexsyntax.h"

#include <QHash>

namespace stdlab::re {

namespace {

bool isDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

bool isOctal(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('7');
}

bool isHex(QChar c)
{
    return isDigit(c) || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))
        || (c >= QLatin1Char('A') && c <= QLatin1Char('F'));
}

class Tokenizer
{
public:
    Tokenizer(const QString &p, bool verbose) : m_p(p), m_verbose(verbose) { }

    QList<SyntaxToken> run()
    {
        const qsizetype n = m_p.size();
        while (m_i < n) {
            const QChar c = m_p[m_i];
            if (m_verbose && (c == QLatin1Char(' ') || c == QLatin1Char('\t')
                              || c == QLatin1Char('\n') || c == QLatin1Char('\r')
                              || c == QLatin1Char('\v') || c == QLatin1Char('\f'))) {
                ++m_i; // insignificant whitespace: left uncoloured
                continue;
            }
            if (m_verbose && c == QLatin1Char('#')) {
                qsizetype e = m_p.indexOf(QLatin1Char('\n'), m_i);
                e = e < 0 ? n : e;
                add(SyntaxToken::Comment, m_i, e - m_i);
                m_i = e;
                continue;
            }
            switch (c.unicode()) {
            case '\\':
                escape();
                break;
            case '[':
                charClass();
                break;
            case '(':
                groupOpen();
                break;
            case ')': {
                int group = 0;
                if (!m_stack.isEmpty()) {
                    group = m_stack.takeLast();
                }
                add(SyntaxToken::GroupClose, m_i, 1, group);
                ++m_i;
                break;
            }
            case '*':
            case '+':
            case '?':
                quantifier(m_i + 1);
                break;
            case '{': {
                // {m}, {m,}, {,n}, {m,n}; anything else is a literal '{'.
                qsizetype j = m_i + 1;
                while (j < n && isDigit(m_p[j])) {
                    ++j;
                }
                if (j < n && m_p[j] == QLatin1Char(',')) {
                    ++j;
                    while (j < n && isDigit(m_p[j])) {
                        ++j;
                    }
                }
                if (j < n && m_p[j] == QLatin1Char('}') && j > m_i + 1) {
                    quantifier(j + 1);
                } else {
                    literal();
                }
                break;
            }
            case '|':
                add(SyntaxToken::Alternation, m_i, 1);
                ++m_i;
                break;
            case '^':
            case '$':
                add(SyntaxToken::Anchor, m_i, 1);
                ++m_i;
                break;
            case '.':
                add(SyntaxToken::Dot, m_i, 1);
                ++m_i;
                break;
            default:
                literal();
            }
        }
        return m_tokens;
    }

private:
    void add(SyntaxToken::Kind kind, qsizetype start, qsizetype length, int group = 0)
    {
        if (kind == SyntaxToken::Literal && !m_tokens.isEmpty()) {
            SyntaxToken &last = m_tokens.last();
            if (last.kind == SyntaxToken::Literal && last.start + last.length == start) {
                last.length += length;
                return;
            }
        }
        m_tokens.append(SyntaxToken{kind, start, length, group});
    }

    void literal()
    {
        const qsizetype len = m_p[m_i].isHighSurrogate() && m_i + 1 < m_p.size() ? 2 : 1;
        add(SyntaxToken::Literal, m_i, len);
        m_i += len;
    }

    void quantifier(qsizetype end)
    {
        if (end < m_p.size() && (m_p[end] == QLatin1Char('?') || m_p[end] == QLatin1Char('+'))) {
            ++end;
        }
        add(SyntaxToken::Quantifier, m_i, end - m_i);
        m_i = end;
    }

    // Length of the escape at i (the backslash included); sets *backref to a group reference.
    qsizetype escapeLength(qsizetype i, int *backref) const
    {
        const qsizetype n = m_p.size();
        if (i + 1 >= n) {
            return 1;
        }
        const QChar c = m_p[i + 1];
        qsizetype j = i + 2;
        auto hexRun = [&](int count) {
            int k = 0;
            while (k < count && j < n && isHex(m_p[j])) {
                ++j;
                ++k;
            }
        };
        switch (c.unicode()) {
        case 'x':
            hexRun(2);
            break;
        case 'u':
            hexRun(4);
            break;
        case 'U':
            hexRun(8);
            break;
        case 'N':
            if (j < n && m_p[j] == QLatin1Char('{')) {
                const qsizetype e = m_p.indexOf(QLatin1Char('}'), j);
                j = e < 0 ? n : e + 1;
            }
            break;
        case '0':
            while (j < n && j < i + 4 && isOctal(m_p[j])) {
                ++j;
            }
            break;
        default:
            if (isDigit(c)) {
                // Three octal digits make an octal escape; otherwise one or two digits are a
                // group reference (sre's rule).
                if (isOctal(c) && j + 1 < n && isOctal(m_p[j]) && isOctal(m_p[j + 1])) {
                    j += 2;
                } else {
                    if (j < n && isDigit(m_p[j])) {
                        ++j;
                    }
                    if (backref) {
                        *backref = m_p.mid(i + 1, j - i - 1).toInt();
                    }
                }
            } else if (c.isHighSurrogate() && j < n) {
                ++j;
            }
        }
        return j - i;
    }

    void escape()
    {
        int backref = -1;
        const qsizetype len = escapeLength(m_i, &backref);
        if (backref >= 0) {
            add(SyntaxToken::Backreference, m_i, len, backref);
        } else {
            add(SyntaxToken::Escape, m_i, len);
        }
        m_i += len;
    }

    void charClass()
    {
        const qsizetype n = m_p.size();
        qsizetype j = m_i + 1;
        if (j < n && m_p[j] == QLatin1Char('^')) {
            ++j;
        }
        if (j < n && m_p[j] == QLatin1Char(']')) {
            ++j; // a ']' first is a literal
        }
        while (j < n && m_p[j] != QLatin1Char(']')) {
            j += m_p[j] == QLatin1Char('\\') ? escapeLength(j, nullptr) : 1;
        }
        j = std::min(j + 1, n);
        add(SyntaxToken::CharClass, m_i, j - m_i);
        m_i = j;
    }

    void groupOpen()
    {
        const qsizetype n = m_p.size();
        const QStringView rest = QStringView(m_p).mid(m_i);
        if (!rest.startsWith(QLatin1String("(?"))) {
            ++m_groups;
            m_stack.append(m_groups);
            add(SyntaxToken::GroupOpen, m_i, 1, m_groups);
            ++m_i;
            return;
        }
        if (rest.startsWith(QLatin1String("(?P<"))) {
            const qsizetype e = m_p.indexOf(QLatin1Char('>'), m_i + 4);
            const qsizetype end = e < 0 ? n : e + 1;
            ++m_groups;
            if (e > 0) {
                m_names.insert(m_p.mid(m_i + 4, e - m_i - 4), m_groups);
            }
            m_stack.append(m_groups);
            add(SyntaxToken::GroupOpen, m_i, end - m_i, m_groups);
            m_i = end;
            return;
        }
        if (rest.startsWith(QLatin1String("(?P="))) {
            const qsizetype e = m_p.indexOf(QLatin1Char(')'), m_i + 4);
            const qsizetype end = e < 0 ? n : e + 1;
            const int group = e < 0 ? 0 : m_names.value(m_p.mid(m_i + 4, e - m_i - 4), 0);
            add(SyntaxToken::Backreference, m_i, end - m_i, group);
            m_i = end;
            return;
        }
        if (rest.startsWith(QLatin1String("(?#"))) {
            const qsizetype e = m_p.indexOf(QLatin1Char(')'), m_i + 3);
            const qsizetype end = e < 0 ? n : e + 1;
            add(SyntaxToken::Comment, m_i, end - m_i);
            m_i = end;
            return;
        }
        qsizetype len = 2;
        for (const char *prefix : {"(?<=", "(?<!", "(?=", "(?!", "(?:", "(?>", "(?("}) {
            if (rest.startsWith(QLatin1String(prefix))) {
                len = qsizetype(qstrlen(prefix));
                break;
            }
        }
        if (len == 2) {
            // Inline flags: (?aiLmsux) global, or (?flags-flags:...) scoped.
            qsizetype j = m_i + 2;
            bool verbose = false;
            while (j < n && (m_p[j].isLetter() || m_p[j] == QLatin1Char('-'))) {
                verbose = verbose || m_p[j] == QLatin1Char('x');
                ++j;
            }
            if (j < n && m_p[j] == QLatin1Char(')')) {
                if (verbose && m_i == 0) {
                    m_verbose = true;
                }
                add(SyntaxToken::InlineFlags, m_i, j + 1 - m_i);
                m_i = j + 1;
                return;
            }
            if (j < n && m_p[j] == QLatin1Char(':')) {
                len = j + 1 - m_i;
            }
        }
        if (rest.startsWith(QLatin1String("(?("))) {
            // A conditional: (?(1)yes|no) - the condition names a group.
            const qsizetype e = m_p.indexOf(QLatin1Char(')'), m_i + 3);
            if (e > 0) {
                len = e + 1 - m_i;
            }
        }
        m_stack.append(0);
        add(SyntaxToken::GroupOpen, m_i, len, 0);
        m_i += len;
    }

    const QString &m_p;
    bool m_verbose;
    qsizetype m_i = 0;
    int m_groups = 0;
    QList<int> m_stack;
    QHash<QString, int> m_names;
    QList<SyntaxToken> m_tokens;
};

} // namespace

QList<SyntaxToken> tokenizePattern(const QString &pattern, bool verbose)
{
    return Tokenizer(pattern, verbose).run();
}

QString syntaxKindName(SyntaxToken::Kind kind)
{
    static const char *const names[] = {"literal",     "escape", "class",  "quantifier",
                                        "open",        "close",  "or",     "anchor",
                                        "dot",         "backref", "flags", "comment"};
    return QLatin1String(names[int(kind)]);
}

} // namespace stdlab::re
