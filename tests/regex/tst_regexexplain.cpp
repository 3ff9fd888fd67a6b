// re::explain(): one sentence per element of the tree CPython's parser builds, in English and
// Spanish, with the flags in force at that element; and `stdlab regex explain`.
#include "localization.h"
#include "regex/regexexplain.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

using namespace stdlab;

class tst_RegexExplain : public QObject
{
    Q_OBJECT

private slots:
    void everyNodeKind_data();
    void everyNodeKind();
    void flagsChangeTheWords();
    void spansPointIntoThePattern();
    void errorsAsPython();
    void commandLine();

private:
    static QString text(const QString &pattern, int flags = 0)
    {
        re::Error error;
        const auto lines = re::explain(pattern, flags, &error);
        if (!lines) {
            return QStringLiteral("error: ") + error.message;
        }
        QStringList out;
        for (const re::ExplainLine &l : *lines) {
            out << QString(2 * l.depth, QLatin1Char(' ')) + l.text;
        }
        return out.join(QLatin1Char('\n'));
    }
};

void tst_RegexExplain::everyNodeKind_data()
{
    QTest::addColumn<QString>("lang");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("expected");
    auto row = [](const char *name, const char *lang, const QString &pattern, const QString &expected) {
        QTest::newRow(name) << QString::fromLatin1(lang) << pattern << expected;
    };
    row("literal", "en", QStringLiteral("@"), QStringLiteral("the character '@'"));
    row("not literal", "en", QStringLiteral("[^a]"), QStringLiteral("any character but 'a'"));
    row("any", "en", QStringLiteral("."), QStringLiteral("any character but a newline"));
    row("category", "en", QStringLiteral("\\d"),
        QStringLiteral("a digit: any Unicode decimal digit, not only 0-9, because the ASCII flag "
                       "is off"));
    row("range", "en", QStringLiteral("[a-z]"), QStringLiteral("a character from 'a' to 'z'"));
    row("set", "en", QStringLiteral("[^\\sx]"),
        QStringLiteral("one character that is none of these:\n"
                       "  a whitespace character: space, tab, newline and the other Unicode "
                       "spaces, because the ASCII flag is off\n  'x'"));
    row("anchors", "en", QStringLiteral("^\\b\\B\\A\\Z$"),
        QStringLiteral("the start of the text\n"
                       "a word boundary: a word character on one side only\n"
                       "not a word boundary\n"
                       "the start of the text, whatever the flags\n"
                       "the very end of the text, whatever the flags\n"
                       "the end of the text, or just before a newline that ends it"));
    row("branch", "en", QStringLiteral("ab|cd|"),
        QStringLiteral("one of 3 alternatives, tried from left to right; the first that lets the "
                       "rest match wins:\n"
                       "  alternative 1:\n    the character 'a'\n    the character 'b'\n"
                       "  alternative 2:\n    the character 'c'\n    the character 'd'\n"
                       "  alternative 3: nothing (matches the empty string)"));
    row("branch made a set by the parser", "en", QStringLiteral("a|b"),
        QStringLiteral("one character that is any of these:\n  'a'\n  'b'"));
    row("named group and reference", "en", QStringLiteral("(?P<q>a)(?P=q)"),
        QStringLiteral("group 1 ('q'), capturing what this part matches:\n"
                       "  the character 'a'\n"
                       "the same text group 1 ('q') matched"));
    row("scoped flags", "en", QStringLiteral("(?i-s:a.)"),
        QStringLiteral("a group that changes the flags (+IGNORECASE -DOTALL) for its part:\n"
                       "  the character 'a', in either case (IGNORECASE)\n"
                       "  any character but a newline"));
    row("atomic", "en", QStringLiteral("(?>a)"),
        QStringLiteral("an atomic group: once it has matched, it never gives characters back:\n"
                       "  the character 'a'"));
    row("repeats", "en", QStringLiteral("a*b+?c{2}+d{2,5}e?f{3,}"),
        QStringLiteral("zero or more times, as many as possible (greedy):\n  the character 'a'\n"
                       "1 or more times, as few as possible (lazy):\n  the character 'b'\n"
                       "exactly 2 times, as many as possible and never giving any back "
                       "(possessive):\n  the character 'c'\n"
                       "between 2 and 5 times, as many as possible (greedy):\n  the character 'd'\n"
                       "optionally (0 or 1 time), as many as possible (greedy):\n"
                       "  the character 'e'\n"
                       "3 or more times, as many as possible (greedy):\n  the character 'f'"));
    row("conditional", "en", QStringLiteral("(a)?(?(1)b|)"),
        QStringLiteral("optionally (0 or 1 time), as many as possible (greedy):\n"
                       "  group 1, capturing what this part matches:\n    the character 'a'\n"
                       "a condition: if group 1 has matched\n"
                       "  then:\n    the character 'b'\n  else: nothing"));
    row("lookarounds", "en", QStringLiteral("(?=a)(?!b)(?<=c)(?<!d)"),
        QStringLiteral("followed by this (lookahead, consumes nothing):\n  the character 'a'\n"
                       "not followed by this (negative lookahead, consumes nothing):\n"
                       "  the character 'b'\n"
                       "preceded by this (lookbehind, consumes nothing):\n  the character 'c'\n"
                       "not preceded by this (negative lookbehind, consumes nothing):\n"
                       "  the character 'd'"));
    row("empty", "en", QString(), QStringLiteral("nothing: matches the empty string everywhere"));
    // Spanish
    row("es: e-mail", "es", QStringLiteral("(\\w+)@"),
        QStringLiteral("grupo 1, que captura lo que coincide con esta parte:\n"
                       "  1 o más veces, las más posibles (codicioso):\n"
                       "    un carácter de palabra: letras y dígitos de Unicode y el guion bajo, "
                       "porque la opción ASCII no está activada\n"
                       "el carácter '@'"));
    row("es: every kind", "es", QStringLiteral("(?>([^ab]))|(?<!x)c{1}?(?(1)\\1)$"),
        QStringLiteral("una de 2 alternativas, probadas de izquierda a derecha; gana la primera "
                       "que deja coincidir el resto:\n"
                       "  alternativa 1:\n"
                       "    un grupo atómico: una vez que coincide, nunca devuelve caracteres:\n"
                       "      grupo 1, que captura lo que coincide con esta parte:\n"
                       "        un carácter que no sea ninguno de estos:\n"
                       "          'a'\n          'b'\n"
                       "  alternativa 2:\n"
                       "    no precedido de esto (lookbehind negativo, no consume nada):\n"
                       "      el carácter 'x'\n"
                       "    exactamente 1 vez, las menos posibles (perezoso):\n"
                       "      el carácter 'c'\n"
                       "    una condición: si el grupo 1 ha coincidido\n"
                       "      entonces:\n"
                       "        el mismo texto con el que coincidió el grupo 1\n"
                       "      si no: nada\n"
                       "    el final del texto, o justo antes de un salto de línea que lo termine"));
}

void tst_RegexExplain::everyNodeKind()
{
    QFETCH(QString, lang);
    QFETCH(QString, pattern);
    QFETCH(QString, expected);
    QVERIFY(installTranslations(QCoreApplication::instance(), lang));
    QCOMPARE(text(pattern), expected);
}

void tst_RegexExplain::flagsChangeTheWords()
{
    QVERIFY(installTranslations(QCoreApplication::instance(), QStringLiteral("en")));
    QCOMPARE(text(QStringLiteral("\\w.^"), re::ASCII | re::DOTALL | re::MULTILINE),
             QStringLiteral("flags in force: MULTILINE, DOTALL, ASCII\n"
                            "a word character: a-z, A-Z, 0-9 or underscore (ASCII flag)\n"
                            "any character, newline included (DOTALL)\n"
                            "the start of a line (MULTILINE)"));
    // inline global flags count as the flags argument does; scoped ones only inside
    QCOMPARE(text(QStringLiteral("(?i)a(?-i:b)")),
             QStringLiteral("flags in force: IGNORECASE\n"
                            "the character 'a', in either case (IGNORECASE)\n"
                            "a group that changes the flags (-IGNORECASE) for its part:\n"
                            "  the character 'b'"));
    QCOMPARE(text(QStringLiteral("(?a:\\d)\\d")),
             QStringLiteral("a group that changes the flags (+ASCII) for its part:\n"
                            "  a digit 0-9 (ASCII flag)\n"
                            "a digit: any Unicode decimal digit, not only 0-9, because the ASCII "
                            "flag is off"));
}

void tst_RegexExplain::spansPointIntoThePattern()
{
    re::Error error;
    // code points, not UTF-16 units: the emoji is one
    const auto lines = re::explain(QStringLiteral("😀(x|y+)"), 0, &error);
    QVERIFY(lines);
    QList<QPair<qsizetype, qsizetype>> spans;
    for (const re::ExplainLine &l : *lines) {
        spans << qMakePair(l.start, l.end);
    }
    const QList<QPair<qsizetype, qsizetype>> expected = {
        {0, 1}, {1, 7}, {2, 6}, {2, 3}, {2, 3}, {4, 6}, {4, 6}, {4, 5}};
    QCOMPARE(spans, expected);
    QCOMPARE(re::explainText(QStringLiteral("😀(x|y+)"), *lines).section(QLatin1Char('\n'), 0, 0),
             QStringLiteral("`😀`  the character '😀'"));
}

void tst_RegexExplain::errorsAsPython()
{
    re::Error error;
    QVERIFY(!re::explain(QStringLiteral("a{2,1}"), 0, &error));
    QCOMPARE(error.message, QStringLiteral("min repeat greater than max repeat"));
    QCOMPARE(error.pos, 2);
    QVERIFY(!re::explain(QString(5000, QLatin1Char('(')) + QString(5000, QLatin1Char(')')), 0,
                         &error));
    QCOMPARE(error.message, QStringLiteral("pattern nested too deeply"));
}

void tst_RegexExplain::commandLine()
{
    const QString stdlab = QString::fromLocal8Bit(qgetenv("STDLAB_BINARY"));
    QVERIFY(!stdlab.isEmpty());
    QProcess p;
    p.start(stdlab, {QStringLiteral("regex"), QStringLiteral("explain"), QStringLiteral("a+"),
                     QStringLiteral("--lang"), QStringLiteral("es")});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 0);
    QCOMPARE(QString::fromUtf8(p.readAllStandardOutput()),
             QStringLiteral("`a+`  1 o más veces, las más posibles (codicioso):\n"
                            "  `a`  el carácter 'a'\n"));
    p.start(stdlab, {QStringLiteral("regex"), QStringLiteral("explain"), QStringLiteral("a|b"),
                     QStringLiteral("--flags"), QStringLiteral("i"), QStringLiteral("--json"),
                     QStringLiteral("--lang"), QStringLiteral("en")});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 0);
    const QJsonArray json = QJsonDocument::fromJson(p.readAllStandardOutput()).array();
    QCOMPARE(json.size(), 4);
    QCOMPARE(json.at(1).toObject().value(QStringLiteral("text")).toString(),
             QStringLiteral("one character that is any of these, in either case (IGNORECASE):"));
    QCOMPARE(json.at(2).toObject().value(QStringLiteral("span")).toArray(), (QJsonArray{0, 3}));
    p.start(stdlab, {QStringLiteral("regex"), QStringLiteral("explain"), QStringLiteral("(a")});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 1);
    QCOMPARE(QString::fromUtf8(p.readAllStandardError()).trimmed(),
             QStringLiteral("stdlab regex: bad pattern: missing ), unterminated subpattern at "
                            "position 0"));
    p.start(stdlab, {QStringLiteral("regex"), QStringLiteral("explain"), QStringLiteral("a"),
                     QStringLiteral("--lang"), QStringLiteral("fr")});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 2);
    p.start(stdlab, {QStringLiteral("regex"), QStringLiteral("explain"), QStringLiteral("a"),
                     QStringLiteral("--flags"), QStringLiteral("q")});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 2);
    QVERIFY(p.readAllStandardOutput().isEmpty());
    p.start(stdlab, {QStringLiteral("regex"), QStringLiteral("explain")});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 2);
    p.start(stdlab, {QStringLiteral("regex"), QStringLiteral("search"), QStringLiteral("a"),
                     QStringLiteral("a"), QStringLiteral("--json")});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 2);
}

QTEST_GUILESS_MAIN(tst_RegexExplain)
#include "tst_regexexplain.moc"
