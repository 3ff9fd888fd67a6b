// tokenizePattern: the pieces of a Python pattern the pattern field colours.
#include "regex/regexsyntax.h"

#include <QtTest>

using namespace stdlab::re;

class tst_RegexSyntax : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tokens_data();
    void tokens();
    void verboseFlagMakesCommentsAndSkipsSpaces();
    void everyCharacterOutsideVerboseIsCovered();
};

// "kind:text:group" for each token, space separated.
static QString describe(const QString &pattern, bool verbose = false)
{
    QStringList out;
    for (const SyntaxToken &t : tokenizePattern(pattern, verbose)) {
        QString s = syntaxKindName(t.kind) + QLatin1Char(':') + pattern.mid(t.start, t.length);
        if (t.group) {
            s += QLatin1Char(':') + QString::number(t.group);
        }
        out.append(s);
    }
    return out.join(QLatin1Char(' '));
}

void tst_RegexSyntax::tokens_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("expected");
    QTest::newRow("literal run") << "gato" << "literal:gato";
    QTest::newRow("e-mails with two groups")
        << "(\\w+)@(\\w+\\.\\w{2,})"
        << "open:(:1 escape:\\w quantifier:+ close:):1 literal:@ open:(:2 escape:\\w quantifier:+ "
           "escape:\\. escape:\\w quantifier:{2,} close:):2";
    QTest::newRow("word boundaries and anchors")
        << "^\\bcar$" << "anchor:^ escape:\\b literal:car anchor:$";
    QTest::newRow("class with escapes and a leading ]")
        << "[]a\\]-z]+?x" << "class:[]a\\]-z] quantifier:+? literal:x";
    QTest::newRow("negated class") << "[^,]*" << "class:[^,] quantifier:*";
    QTest::newRow("named group and reference")
        << "(?P<año>\\d{4})-(?P=año)"
        << "open:(?P<año>:1 escape:\\d quantifier:{4} close:):1 literal:- backref:(?P=año):1";
    QTest::newRow("numbered back-reference vs octal")
        << "(a)\\1\\101\\0" << "open:(:1 literal:a close:):1 backref:\\1:1 escape:\\101 escape:\\0";
    QTest::newRow("non-capturing and lookarounds do not count")
        << "(?:a)(?=b)(?<!c)(d)"
        << "open:(?: literal:a close:) open:(?= literal:b close:) open:(?<! literal:c close:) "
           "open:(:1 literal:d close:):1";
    QTest::newRow("scoped and global flags")
        << "(?i)(?s-i:x)" << "flags:(?i) open:(?s-i: literal:x close:)";
    QTest::newRow("brace that is not a quantifier") << "a{x}" << "literal:a{x}";
    QTest::newRow("possessive and lazy") << "a++b*?c{,3}" << "literal:a quantifier:++ literal:b "
                                                            "quantifier:*? literal:c quantifier:{,3}";
    QTest::newRow("alternation, dot, comment")
        << "a|.(?#nota)" << "literal:a or:| dot:. comment:(?#nota)";
    QTest::newRow("unicode escapes") << "\\u00f1\\x41\\N{EM DASH}\\U0001F600"
                                     << "escape:\\u00f1 escape:\\x41 escape:\\N{EM DASH} escape:\\U0001F600";
    QTest::newRow("unbalanced is lenient") << "(a))" << "open:(:1 literal:a close:):1 close:)";
    QTest::newRow("emoji literal") << "😀+" << "literal:😀 quantifier:+";
    QTest::newRow("nested groups") << "((a)(b))" << "open:(:1 open:(:2 literal:a close:):2 open:(:3 "
                                                   "literal:b close:):3 close:):1";
}

void tst_RegexSyntax::tokens()
{
    QFETCH(QString, pattern);
    QFETCH(QString, expected);
    QCOMPARE(describe(pattern), expected);
}

void tst_RegexSyntax::verboseFlagMakesCommentsAndSkipsSpaces()
{
    const QString p = QStringLiteral("\\d+  # día\n/ \\d+");
    QCOMPARE(describe(p, true), QStringLiteral("escape:\\d quantifier:+ comment:# día literal:/ "
                                               "escape:\\d quantifier:+"));
    QCOMPARE(describe(p, false),
             QStringLiteral("escape:\\d quantifier:+ literal:  # día\n/  escape:\\d quantifier:+"));
    QCOMPARE(describe(QStringLiteral("(?x) a # b")), QStringLiteral("flags:(?x) literal:a comment:# b"));
}

void tst_RegexSyntax::everyCharacterOutsideVerboseIsCovered()
{
    const QString p = QStringLiteral("(?P<x>[a-z]+)\\s*(?:,|;)?\\1{2}$");
    qsizetype next = 0;
    for (const SyntaxToken &t : tokenizePattern(p)) {
        QCOMPARE(t.start, next);
        QVERIFY(t.length > 0);
        next = t.start + t.length;
    }
    QCOMPARE(next, p.size());
}

QTEST_APPLESS_MAIN(tst_RegexSyntax)
#include "tst_regexsyntax.moc"
