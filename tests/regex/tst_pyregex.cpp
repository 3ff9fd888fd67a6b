// The Python `re` engine: course examples and every documented difference from PCRE2, as data.
#include "regex/pyregex.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

#include <atomic>
#include <ctime>
#include <random>
#include <thread>

#include <sys/resource.h>

using namespace stdlab;

class tst_PyRegex : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void results_data();
    void results();
    void errors_data();
    void errors();
    void spansAreCodePoints();
    void subjectOffsetsMatchNaiveWalk();
    void posAndEndpos();
    void groupNamesAndDict();
    void emptyIterationsAsSre_data();
    void emptyIterationsAsSre();
    void sreEnginePatternsAreBounded();
    void sreEngineFinishesWhatPythonFinishes();
    void sreEngineKeepsUpWithPythonWhenBacktracking();
    void ignorecaseBackrefsPairDottedCapitalI();
    void conditionalsNestedAsDeepAsCPython();
    void patternsPastLinkSize2KeepTheirCallouts();
    void runawayPatternStopsWithLimit();
    void backtrackingBudgetIsPerRequest();
    void wideCodeIsBoundedAndChecked();
    void hugeRepeatsAndLookBehindsStayCheap();
    void compileOverItsMemoryBudgetIsAClearError();
    void linearWorkOnABigTextIsNotStopped();
    void forEachStopsEarly();
    void cancellableScanFindsTheSameMatches();
    void concurrentUseOfOneRegex();
    void flagLetters();
};

// op, pattern, flags, text, repl/arg, expected repr
void tst_PyRegex::results_data()
{
    QTest::addColumn<QString>("op");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("flags");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("arg");
    QTest::addColumn<QString>("expected");
    auto row = [](const char *name, const char *op, const QString &pattern, const char *flags,
                  const QString &text, const QString &arg, const QString &expected) {
        QTest::newRow(name) << QString::fromLatin1(op) << pattern << QString::fromLatin1(flags)
                            << text << arg << expected;
    };
    // The course's examples.
    row("course: findall gato", "findall", "gato", "", "el gato y el gato negro", "",
        "['gato', 'gato']");
    row("course: dates", "findall", R"(\d{2}/\d{2}/\d{4})", "", "Hoy es 23/11/2026, ayer 22/11/2026",
        "", "['23/11/2026', '22/11/2026']");
    row("course: e-mails with groups", "findall", R"((\w+)@(\w+\.\w{2,}))", "",
        "ana@correo.es, luis@uni.edu", "", "[('ana', 'correo.es'), ('luis', 'uni.edu')]");
    row("course: sub gato perro", "sub", "gato", "", "el gato come", "perro", "'el perro come'");
    row("course: split comma", "split", ",", "", "manzana,pera,uva", "",
        "['manzana', 'pera', 'uva']");
    row("course: e-mail validator", "fullmatch", R"([\w.]+@[\w]+\.[a-z]{2,})", "",
        "ana.perez@correo.es", "", "<re.Match object; span=(0, 19), match='ana.perez@correo.es'>");
    row("course: \\bcar", "findall", R"(\bcar)", "", "carro escarabajo car", "", "['car', 'car']");
    // Lone surrogates are code points of a Python str: the pattern's \ud800 (escaped or raw)
    // matches one in the text and nothing else; U+FFFD is not a stand-in for them.
    const QString hi(QChar(0xD800));
    const QString lo(QChar(0xDC00));
    const QString fffd(QChar(0xFFFD));
    row("lone: escape matches it", "search", R"(\ud800)", "", QLatin1String("a") + hi + QLatin1String("b"),
        "", "<re.Match object; span=(1, 2), match='\\ud800'>");
    row("lone: raw matches it", "search", hi, "", QLatin1String("a") + hi, "",
        "<re.Match object; span=(1, 2), match='\\ud800'>");
    row("lone: not another surrogate", "search", hi, "", QLatin1String("a") + lo + QLatin1String("b"),
        "", "None");
    row("lone: not U+FFFD", "search", hi, "", QLatin1String("a") + fffd, "", "None");
    row("lone: U+FFFD is not one", "search", fffd, "", QLatin1String("a") + hi, "", "None");
    row("lone: range", "findall", R"([\ud800-\udbff]+)", "", lo + hi + QLatin1String("a") + hi, "",
        "['\\ud800', '\\ud800']");
    row("lone: \\W and the dot", "findall", R"(\W|.)", "", hi + QLatin1String("a"), "",
        "['\\ud800', 'a']");
    row("lone: template keeps them", "sub", "a", "", QLatin1String("a") + lo, hi + QLatin1String("x"),
        "'\\ud800x\\udc00'");
    row("lone: IGNORECASE back-reference", "search", R"((\w)\1)", "i",
        QString(QChar(0x3C3)) + QChar(0x3A3) + lo, "", "<re.Match object; span=(0, 2), match='σΣ'>");
    row("lone: sre's lower() per character", "search", R"((s)\1)", "i",
        QLatin1String("s") + QChar(0x17F) + lo, "", "None");
    // The same on the sre port (repeats of groups that can match empty): it runs on the text's
    // code points, not on U+FFFD stand-ins.
    row("lone: sre port, repeated group", "search", R"((?:\ud800|)+x)", "", hi + QLatin1String("x"),
        "", "<re.Match object; span=(0, 2), match='\\ud800x'>");
    row("lone: sre port, {,3} of an empty body", "findall", R"((|\ud800){,3})", "",
        lo + hi + fffd, "", "['', '', '', '', '']");
    row("lone: sre port, lazy class repeat", "sub", R"((?:[\udc00-\udfff]|)+?b)", "",
        lo + QLatin1String("b") + fffd + QLatin1String("b"), "-", QStringLiteral("'-\ufffd-'"));
    row("course: car\\b", "findall", R"(car\b)", "", "carro escar car", "", "['car', 'car']");
    // Semantics that differ from PCRE2's defaults.
    row("\\Z is the absolute end", "search", R"(a\Z)", "", "a\n", "", "None");
    row("$ before a final newline", "search", "a$", "", "a\n",
        "", "<re.Match object; span=(0, 1), match='a'>");
    row("(?m)^ after a final newline", "findall", "(?m)^", "", "a\n", "", "['', '']");
    row("\\B never matches empty text", "findall", R"(\B)", "", "", "", "[]");
    row("named group and backreference", "search", R"((?P<q>['"]).*?(?P=q))", "", "say \"hi\" now",
        "", "<re.Match object; span=(4, 8), match='\"hi\"'>");
    row("scoped inline flag", "findall", "(?i:a)b", "", "ab Ab aB", "", "['ab', 'Ab']");
    row("a{,3}", "findall", "a{,3}", "", "aaaa", "", "['aaa', 'a', '']");
    row("possessive quantifier", "search", "a++a", "", "aaaa", "", "None");
    row("atomic group", "search", "(?>a+)a", "", "aaaa", "", "None");
    row("octal escape", "findall", R"(\101\0)", "", QStringLiteral("A") + QChar(0), "",
        "['A\\x00']");
    row("\\uXXXX and \\N{}", "findall", R"(\u00e9|\N{EM DASH})", "", "é—e", "", "['é', '—']");
    row("\\v is vertical tab", "findall", R"(\v)", "", "a\x0b\n", "", "['\\x0b']");
    row("unicode \\d", "findall", R"(\d+)", "", "١٢٣ 45", "", "['١٢٣', '45']");
    row("ascii \\d", "findall", R"(\d+)", "a", "١٢٣ 45", "", "['45']");
    row("unicode \\w has accents", "findall", R"(\w+)", "", "canción ñu", "", "['canción', 'ñu']");
    row("ascii \\w", "findall", R"(\w+)", "a", "canción", "", "['canci', 'n']");
    row("python \\s has \\x1c", "findall", R"(\s)", "", QStringLiteral("a\x1c" "b\u180e"), "", "['\\x1c']");
    row("ignorecase long s", "findall", "s", "i", "sSſ", "", "['s', 'S', 'ſ']");
    row("ignorecase kelvin", "findall", "[a-z]+", "i", "KELVIN \u212a", "",
        QStringLiteral("['KELVIN', '\u212a']"));
    row("ascii ignorecase", "findall", "k", "ia", "kK\u212a", "", "['k', 'K']");
    row("empty matches 3.7+", "sub", "x*", "", "abxd", "-", "'-a-b--d-'");
    row("split empty matches", "split", "x*", "", "axbc", "", "['', 'a', '', 'b', 'c', '']");
    row("split groups None", "split", "(a)|b", "", "1a2b3", "",
        "['1', 'a', '2', None, '3']");
    row("findall unmatched group ''", "findall", "(a)|(b)", "", "ab", "",
        "[('a', ''), ('', 'b')]");
    row("sub templates", "sub", R"((?P<w>\w+)@(\w+))", "", "ana@uni", R"(\2:\g<w>:\g<0>:\g<1>)",
        "'uni:ana:ana@uni:ana'");
    row("sub $1 is literal", "sub", "(a)", "", "a", "$1", "'$1'");
    row("subn", "subn", "a", "", "banana", "o", "('bonono', 3)");
    row("emoji offsets", "finditer", "b", "", "😀b😀b", "",
        "[<re.Match object; span=(1, 2), match='b'>, <re.Match object; span=(3, 4), match='b'>]");
    row("verbose", "findall", "a  # comment\n b", "x", "ab", "", "['ab']");
    row("dotall", "findall", "a.b", "s", "a\nb", "", "['a\\nb']");
    row("\\1 is a back-reference", "findall", R"((a)\1)", "", "aa a", "", "['a']");
    row("\\012 is octal", "findall", R"(\012)", "", "a\nb", "", "['\\n']");
    row("\\10 is group 10", "search", R"((a)(b)(c)(d)(e)(f)(g)(h)(i)(j)\10)", "", "abcdefghijj",
        "", "<re.Match object; span=(0, 11), match='abcdefghijj'>");
    row("\\N{} in a class", "findall", R"([\N{LATIN SMALL LETTER N WITH TILDE}])", "", "añoÑ", "",
        "['ñ']");
    row("495 nested groups compile, as in CPython", "search",
        QString(495, QLatin1Char('(')) + QLatin1Char('a') + QString(495, QLatin1Char(')')), "", "ba",
        "", "<re.Match object; span=(1, 2), match='a'>");
    row("700 nested conditionals compile (PCRE2 refuses some 800 deep)", "search",
        QStringLiteral("(a)") + QStringLiteral("(?(1)").repeated(700) + QLatin1Char('b')
            + QString(700, QLatin1Char(')')),
        "", "ab",
        "", "<re.Match object; span=(0, 2), match='ab'>");
    row("\\U escape", "findall", R"(\U0001F600)", "", "a😀", "", "['😀']");
    // Issue 12, fidelity classes: each of these disagreed with CPython 3.11.
    row("\\N{} takes name aliases", "findall", R"(\N{NBSP}\N{BYTE ORDER MARK}\N{SP}|\N{nbsp}\N{LF})",
        "", QStringLiteral("a\u00a0\ufeff \u00a0\n"), "", "['\\xa0\\ufeff ', '\\xa0\\n']");
    row("\\N{} of a CJK ideograph", "findall", R"(\N{CJK UNIFIED IDEOGRAPH-4E00})", "",
        QStringLiteral("\u4e00"), "", "['一']");
    row("lookbehind with a variable part repeated {0}", "search", R"((?<=(X+){0})a)", "", "a", "",
        "<re.Match object; span=(0, 1), match='a'>");
    row("template keeps U+FEFF", "sub", "a", "", "a", QStringLiteral("x\ufeffy"),
        "'x\\ufeffy'");
    row("counted possessive repeat: iterations are atomic", "search", "(?:a+){2}+", "", "aa", "",
        "None");
    row("counted possessive repeat of alternatives", "search", "(a|ab){2}+c", "", "abac", "",
        "None");
    row("ignorecase backref: s and long s differ", "search", R"((s)\1)", "i",
        QStringLiteral("s\u017f"), "", "None");
    row("ignorecase backref: sigma and final sigma differ", "search", R"((σ)\1)", "i", "σς", "",
        "None");
    row("ignorecase backref: ascii lower only", "search", R"((Ú)\1)", "ia", "Úú", "", "None");
    row("ignorecase backref: kelvin sign and k", "search", R"((k)\1)", "i",
        QStringLiteral("k\u212a"), "", "<re.Match object; span=(0, 2), match='k\u212a'>");
    row("ignorecase backref: plain case pair", "findall", R"((a)\1)", "i", "aA Aa", "",
        "['a', 'A']");
    row("atomic lazy group at a later start", "search", "(?>a+?)-", "", "aa-", "",
        "<re.Match object; span=(1, 3), match='a-'>");
    row("atomic lazy group, findall", "findall", "(?>a+?)-", "", "a-aa-", "", "['a-', 'a-']");
    row("backtracking before a possessive optional group", "match", "b+(x)?+b", "", "bb", "",
        "<re.Match object; span=(0, 2), match='bb'>");
    row("backtracking before a possessive group, star", "search", "b*(x)?+b", "", "b", "",
        "<re.Match object; span=(0, 1), match='b'>");
    row("ascii scoped \\b", "findall", R"((?a:\b)b|\bñ)", "", "añb", "", "['b']");
    row("conditional group", "findall", R"((<)?\w+(?(1)>))", "", "<a> b", "", "['<', '']");
}

static QString runOp(const QString &op, const re::Regex &rx, const re::Subject &s,
                     const QString &arg)
{
    re::Error e;
    if (op == QLatin1String("findall")) {
        const auto r = rx.findall(s, 0, -1, &e);
        return r ? r->repr() : e.message;
    }
    if (op == QLatin1String("sub") || op == QLatin1String("subn")) {
        const auto r = rx.sub(arg, s, 0, &e);
        return r ? r->repr(op == QLatin1String("subn")) : e.message;
    }
    if (op == QLatin1String("split")) {
        const auto r = rx.split(s, 0, &e);
        return r ? r->repr() : e.message;
    }
    if (op == QLatin1String("finditer")) {
        QStringList parts;
        rx.forEach(s, 0, -1, [&](const re::Match &m) {
            parts << m.repr(s);
            return true;
        });
        return QLatin1Char('[') + parts.join(QLatin1String(", ")) + QLatin1Char(']');
    }
    std::optional<re::Match> m;
    if (op == QLatin1String("search")) {
        m = rx.search(s, 0, -1, &e);
    } else if (op == QLatin1String("match")) {
        m = rx.match(s, 0, -1, &e);
    } else {
        m = rx.fullmatch(s, 0, -1, &e);
    }
    return m ? m->repr(s) : QStringLiteral("None");
}

void tst_PyRegex::results()
{
    QFETCH(QString, op);
    QFETCH(QString, pattern);
    QFETCH(QString, flags);
    QFETCH(QString, text);
    QFETCH(QString, arg);
    QFETCH(QString, expected);
    re::Error error;
    const auto rx = re::Regex::compile(pattern, re::flagsFromLetters(flags), &error);
    QVERIFY2(rx, qPrintable(error.message));
    QCOMPARE(runOp(op, *rx, re::Subject(text), arg), expected);
}

void tst_PyRegex::errors_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("pos");
    QTest::newRow("unterminated group") << "(abc" << "missing ), unterminated subpattern" << 0;
    QTest::newRow("nothing to repeat") << "*a" << "nothing to repeat" << 0;
    QTest::newRow("\\h is PCRE-only") << R"(\h)" << R"(bad escape \h)" << 0;
    QTest::newRow("\\K is PCRE-only") << R"(a\K)" << R"(bad escape \K)" << 1;
    QTest::newRow("\\p{L} is PCRE-only") << R"(\p{L})" << R"(bad escape \p)" << 0;
    QTest::newRow("unknown extension ?<x") << "(?<x>a)" << "unknown extension ?<x" << 1;
    QTest::newRow("(?| is PCRE-only") << "(?|a)" << "unknown extension ?|" << 1;
    QTest::newRow("(?1) is PCRE-only") << "(a)(?1)" << "unknown extension ?1" << 4;
    QTest::newRow("global flags late") << "a(?i)b" << "global flags not at the start of the expression" << 1;
    QTest::newRow("group redefinition") << "(?P<a>x)(?P<a>y)"
                                        << "redefinition of group name 'a' as group 2; was group 1"
                                        << 12;
    QTest::newRow("invalid group reference") << R"((a)\2)" << "invalid group reference 2" << 4;
    QTest::newRow("bad character range") << "[z-a]" << "bad character range z-a" << 1;
    QTest::newRow("lookbehind width") << "(?<=a+)b" << "look-behind requires fixed-width pattern" << -1;
    QTest::newRow("multiple repeat") << "a**" << "multiple repeat" << 2;
    QTest::newRow("unbalanced parenthesis") << "a)" << "unbalanced parenthesis" << 1;
    QTest::newRow("unterminated set") << "[a" << "unterminated character set" << 0;
    QTest::newRow("bad escape at end") << "a\\" << "bad escape (end of pattern)" << 1;
    QTest::newRow("octal out of range") << R"(\400)" << R"(octal escape value \400 outside of range 0-0o377)" << 0;
    QTest::newRow("unknown group name") << "(?P=x)" << "unknown group name 'x'" << 4;
    QTest::newRow("\\e is PCRE-only") << R"(\e)" << R"(bad escape \e)" << 0;
    QTest::newRow("\\Q is PCRE-only") << R"(\Q.\E)" << R"(bad escape \Q)" << 0;
    QTest::newRow("\\G is PCRE-only") << R"(\G)" << R"(bad escape \G)" << 0;
    QTest::newRow("\\X is PCRE-only") << R"(\X)" << R"(bad escape \X)" << 0;
    QTest::newRow("\\R is PCRE-only") << R"(\R)" << R"(bad escape \R)" << 0;
    QTest::newRow("(?R) is PCRE-only") << "(?R)" << "unknown extension ?R" << 1;
    QTest::newRow("\\10 is a group reference") << R"((a)\10)" << "invalid group reference 10" << 4;
    QTest::newRow("\\12 without groups") << R"(\12)" << "invalid group reference 12" << 1;
    QTest::newRow("three-branch conditional") << "(?P<a>)(?(a)x|y|z)"
                                              << "conditional backref with more than two branches"
                                              << 15;
    QTest::newRow("\\U beyond Unicode") << R"(\U00110000)" << R"(bad escape \U00110000)" << 0;
    QTest::newRow("L flag on str") << "(?i)(?L)a"
                                   << "bad inline flags: cannot use 'L' flag with a str pattern" << 7;
    QTest::newRow("unterminated name") << "x(?P<n>a)(?P=n" << "missing ), unterminated name" << 13;
    QTest::newRow("undefined character name") << R"(\N{NOPE})" << "undefined character name 'NOPE'" << 0;
    QTest::newRow("alias then a real error") << R"(\N{NBSP}(a)" << "missing ), unterminated subpattern" << 8;
    QTest::newRow("algorithmic names only in capitals") << R"(\N{hangul syllable ga})"
                                                        << "undefined character name 'hangul syllable ga'" << 0;
    QTest::newRow("no Unicode 15 names") << R"(\N{KAWI LETTER A})"
                                         << "undefined character name 'KAWI LETTER A'" << 0;
    QTest::newRow("U+FEFF kept in a message") << QStringLiteral("[\ufeff-a]")
                                              << QStringLiteral("bad character range \ufeff-a") << 1;
    QTest::newRow("first invalid conditional reference in pattern order")
        << "(?(2)a)(?(1)b)" << "invalid group reference 2" << 3;
    QTest::newRow("groups nested deeper than CPython recurses")
        << QString(496, QLatin1Char('(')) + QString(496, QLatin1Char(')'))
        << "pattern nested too deeply" << -1;
    QTest::newRow("12,000 nested groups")
        << QString(12000, QLatin1Char('(')) + QLatin1Char('a') + QString(12000, QLatin1Char(')'))
        << "pattern nested too deeply" << -1;
}

void tst_PyRegex::errors()
{
    QFETCH(QString, pattern);
    QFETCH(QString, message);
    QFETCH(int, pos);
    re::Error error;
    QVERIFY(!re::Regex::compile(pattern, 0, &error));
    QCOMPARE(error.message, message);
    QCOMPARE(error.pos, qsizetype(pos));
    QVERIFY(!error.limit);
}

void tst_PyRegex::spansAreCodePoints()
{
    const re::Subject s(QStringLiteral("😀é😀abc"));
    QCOMPARE(s.length(), 6);
    const auto rx = re::Regex::compile(QStringLiteral("(a)(b)"), 0);
    const auto m = rx->search(s);
    QVERIFY(m);
    QCOMPARE(m->start(), 3);
    QCOMPARE(m->end(), 5);
    QCOMPARE(m->start(2), 4);
    QCOMPARE(m->text(s, 1), QStringLiteral("a"));
    QCOMPARE(s.slice(0, 2), QStringLiteral("😀é"));
}

void tst_PyRegex::subjectOffsetsMatchNaiveWalk()
{
    // Random UTF-16 of many sizes (pairs, lone highs and lows, at the edges too) against a plain
    // walk: length(), toUtf16(), toCodePoint() and which texts need fixing.
    std::mt19937 rng(20261202);
    const char16_t alphabet[] = {u'a', u'\xe9', u' ', 0xD83D, 0xDE00, 0xDBFF, 0xDC00, 0xFFFD};
    for (int round = 0; round < 400; ++round) {
        const int size = round < 40 ? round : int(rng() % 3000);
        const bool clean = round % 3 == 0;
        QString text;
        for (int i = 0; i < size; ++i) {
            if (clean || rng() % 4 != 0) {
                // Mostly well-formed: letters and pairs.
                if (rng() % 5 == 0) {
                    text += QChar(char16_t(0xD800 + rng() % 0x400));
                    text += QChar(char16_t(0xDC00 + rng() % 0x400));
                } else {
                    text += QChar(alphabet[rng() % 3]);
                }
            } else {
                text += QChar(alphabet[rng() % std::size(alphabet)]);
            }
        }
        // The walk: a pair is one code point, anything else (a lone surrogate too) one.
        std::vector<qsizetype> starts; // UTF-16 offset of each code point
        bool lone = false;
        bool pairs = false;
        for (qsizetype i = 0; i < text.size(); ++i) {
            starts.push_back(i);
            const char16_t c = text.at(i).unicode();
            if (QChar::isHighSurrogate(c) && i + 1 < text.size()
                && QChar::isLowSurrogate(text.at(i + 1).unicode())) {
                pairs = true;
                ++i;
            } else if (QChar::isSurrogate(c)) {
                lone = true;
            }
        }
        const re::Subject s(text);
        const QByteArray whereText = "round " + QByteArray::number(round);
        const char *where = whereText.constData();
        QVERIFY2(s.length() == qsizetype(starts.size()), where);
        QVERIFY2(s.hadInvalidUtf16() == lone, where);
        QVERIFY2(s.hasSurrogates() == pairs, where);
        QVERIFY2(!clean || !lone, where);
        for (qsizetype cp = 0; cp < qsizetype(starts.size()); ++cp) {
            QVERIFY2(s.toUtf16(cp) == starts[size_t(cp)], where);
            QVERIFY2(s.toCodePoint(starts[size_t(cp)]) == cp, where);
        }
        QVERIFY2(s.toUtf16(s.length()) == text.size(), where);
        QVERIFY2(s.toCodePoint(text.size()) == s.length(), where);
        if (lone) {
            for (qsizetype i = 0; i < text.size(); ++i) {
                const char16_t c = s.matchText().at(i).unicode();
                QVERIFY2(!QChar::isSurrogate(c) || text.at(i) == QChar(c), where);
            }
        }
    }
}

void tst_PyRegex::posAndEndpos()
{
    const auto rx = re::Regex::compile(QStringLiteral("^a|b$"), 0);
    const re::Subject s(QStringLiteral("aab"));
    QVERIFY(!rx->search(s, 1, 2)); // ^ is the real start, $ the endpos
    const auto rx2 = re::Regex::compile(QStringLiteral("a$"), 0);
    const auto m = rx2->search(s, 0, 2);
    QVERIFY(m);
    QCOMPARE(m->start(), 1);
    QVERIFY(rx2->match(s, 1, 2));
    QVERIFY(!rx2->match(s, 0, 2));
    // match() past endpos: sre still runs at pos, where nothing can be consumed.
    const re::Subject abc(QStringLiteral("abc"));
    const auto empty = re::Regex::compile(QString(), 0);
    const auto m2 = empty->match(abc, 2, 1);
    QVERIFY(m2);
    QCOMPARE(m2->start(), 2);
    QCOMPARE(m2->end(), 2);
    QVERIFY(!empty->search(abc, 2, 1));
    QVERIFY(!empty->fullmatch(abc, 2, 1));
    QVERIFY(!re::Regex::compile(QStringLiteral("a*"), 0)->match(abc, 2, 1)); // REPEAT_ONE fails
    const auto group = re::Regex::compile(QStringLiteral("(a|)*\\b"), 0)->match(abc, 2, 1);
    QVERIFY(group);
    QCOMPARE(group->start(1), 2);
    QVERIFY(!re::Regex::compile(QStringLiteral("(?<=b)"), 0)->match(abc, 2, 1));
}

void tst_PyRegex::groupNamesAndDict()
{
    const auto rx = re::Regex::compile(QStringLiteral("(?P<user>\\w+)@(\\w+)(?P<tld>\\.es)?"), 0);
    QCOMPARE(rx->groupCount(), 3);
    QCOMPARE(rx->groupName(1), QStringLiteral("user"));
    QCOMPARE(rx->groupName(2), QString());
    QCOMPARE(rx->groupIndex(QStringLiteral("tld")), 3);
    QCOMPARE(rx->groupNames(), QStringList({QStringLiteral("user"), QStringLiteral("tld")}));
    const re::Subject s(QStringLiteral("ana@uni"));
    const QJsonObject json = rx->search(s)->toJson(s, *rx);
    QCOMPARE(json.value("groupdict").toObject().value("user").toString(), QStringLiteral("ana"));
    QVERIFY(json.value("groupdict").toObject().value("tld").isNull());
    QCOMPARE(json.value("spans").toArray().at(2).toArray(), QJsonArray({-1, -1}));
}

void tst_PyRegex::emptyIterationsAsSre_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("flags");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("spans"); // search(): the match's span, then each group's
    QTest::addColumn<QString>("findall");
    auto row = [](const char *name, const QString &pattern, const char *flags, const QString &text,
                  const char *spans, const QString &findall) {
        QTest::newRow(name) << pattern << QString::fromLatin1(flags) << text
                            << QString::fromLatin1(spans) << findall;
    };
    // python3.11 -c 'import re; m = re.search(P, T); print(m.span(), m.span(1), ...)': sre
    // tries the first optional iteration even after an empty mandatory one, and stops after
    // an empty optional one, which it keeps.
    row("an empty iteration stops {,4}", QStringLiteral("(|a){,4}"), "", QStringLiteral("a"),
        "(0,0)(0,0)", QStringLiteral("['', '', '']"));
    row("a lazy body keeps its empty last iteration", QStringLiteral("(a*?){,4}b"), "",
        QStringLiteral("ab"), "(0,2)(1,1)", QStringLiteral("['']"));
    row("a conditional on the group of an earlier iteration", QStringLiteral("()((?(2)A))+"), "",
        QStringLiteral("A"), "(0,1)(0,0)(0,1)", QStringLiteral("[('', 'A'), ('', '')]"));
    row("one optional iteration after an empty mandatory one", QStringLiteral("(?:|a)+"), "",
        QStringLiteral("a"), "(0,0)", QStringLiteral("['', 'a', '']"));
    row("{2,3} of a nullable group", QStringLiteral("(|a){2,3}"), "", QStringLiteral("aa"),
        "(0,0)(0,0)", QStringLiteral("['', 'a', '', 'a', '']"));
    row("lazy +", QStringLiteral("(|a)+?b"), "", QStringLiteral("ab"), "(0,2)(0,1)",
        QStringLiteral("['a']"));
    row("lazy {1,}", QStringLiteral("(a|){1,}?b"), "", QStringLiteral("aab"), "(0,3)(1,2)",
        QStringLiteral("['a']"));
    row("possessive {2,}", QStringLiteral("(|a){2,}+"), "", QStringLiteral("aa"), "(0,0)(0,0)",
        QStringLiteral("['', '', '']"));
    row("a group set by the iteration before", QStringLiteral("(?:(?(1)a|())){2,5}"), "",
        QStringLiteral("aaa"), "(0,3)(0,0)", QStringLiteral("['']"));
    row("a look-ahead as the empty iteration", QStringLiteral("(?:(?=a)|a){1,3}"), "",
        QStringLiteral("aa"), "(0,0)", QStringLiteral("['', 'a', '', 'a']"));
    // POSSESSIVE_REPEAT sets no repeat context: a failed alternative restores the lastmark
    // only, never the marks; the group started in it is unset by that lastmark.
    row("possessive: marks after a failed alternative",
        QStringLiteral("(?:(|(?<!-)){0,1}?(\u00da)|){,2}+"), "i",
        QStringLiteral("\u03c3\u00fa\u00c9\u00e9"), "(0,0)(-1,-1)(-1,-1)",
        QStringLiteral("[('', ''), ('', ''), ('', ''), ('', ''), ('', '')]"));
    row("possessive: no backtracking into iterations", QStringLiteral("(?>(.)+|)*+x"), "",
        QStringLiteral("ab"), "None", QStringLiteral("[]"));
    // A condition on the group that encloses it sees the end mark a failed attempt left (the
    // lazy repeat's tail closed group 1, then failed: not advancing after the empty match), as
    // LASTMARK_RESTORE keeps mark values: found by the 200k differential (seed 101).
    row("a condition on an enclosing group after a failed tail", QStringLiteral("(((?(1)A)*?))"),
        "i", QStringLiteral("a"), "(0,0)(0,0)(0,0)",
        QStringLiteral("[('', ''), ('a', 'a'), ('', '')]"));
}

void tst_PyRegex::emptyIterationsAsSre()
{
    QFETCH(QString, pattern);
    QFETCH(QString, flags);
    QFETCH(QString, text);
    QFETCH(QString, spans);
    QFETCH(QString, findall);
    re::Error error;
    const auto rx = re::Regex::compile(pattern, re::flagsFromLetters(flags), &error);
    QVERIFY2(rx, qPrintable(error.message));
    const re::Subject s(text);
    const auto m = rx->search(s, 0, -1, &error);
    QString got = QStringLiteral("None");
    if (m) {
        got.clear();
        for (int g = 0; g <= m->groupCount(); ++g) {
            got += QStringLiteral("(%1,%2)").arg(m->start(g)).arg(m->end(g));
        }
    }
    QCOMPARE(got, spans);
    const auto all = rx->findall(s, 0, -1, &error);
    QVERIFY2(all, qPrintable(error.message));
    QCOMPARE(all->repr(), findall);
}

// The 200k differential's seed-202 case: a pattern run by sre's program, ~40 million steps.
static const QString kSeed202Pattern = QStringLiteral(
    "(?:[a-cbA-Z]([😀é][_])1{2,4}(?a:(?<!É)){0}|((\\-bKΣ){0}(k)*(1σ){2}+|){2}+"
    "(\\S{,3}?k*?(?:ſKÉ?+|Ú{,2}){1,2}))+?1{2,}+\\S\ufeff");
static const QString kSeed202Text = QStringLiteral("-  -aßSÉÚ_éÚ😀");

void tst_PyRegex::sreEngineFinishesWhatPythonFinishes()
{
    // python3.11 answers [] in 0.23 s of CPU (the 200k differential, seed 202); sre's program
    // needs ~40 million steps, the old step limit of a call: it stopped with the limit.
    if (qEnvironmentVariableIsSet("STDLAB_SANITIZED")) {
        QSKIP("CPU time is several times larger under the sanitizers");
    }
    const auto rx = re::Regex::compile(kSeed202Pattern, 0);
    QVERIFY(rx);
    re::Error error;
    const auto all = rx->findall(re::Subject(kSeed202Text), 0, -1, &error);
    QVERIFY2(all, qPrintable(error.message));
    QCOMPARE(all->repr(), QStringLiteral("[]"));
}

// python3's CPU time for findall(@p pattern, @p text) in a process of its own (best of 3), or -1.
static double pythonFindallSeconds(const QString &pattern, const QString &text)
{
    QProcess python;
    python.start(QStringLiteral("python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import json, re, sys, time\n"
                                 "rq = json.load(sys.stdin)\n"
                                 "rx = re.compile(rq['p'])\n"
                                 "best = 1e9\n"
                                 "for _ in range(3):\n"
                                 "    t = time.process_time()\n"
                                 "    rx.findall(rq['t'])\n"
                                 "    best = min(best, time.process_time() - t)\n"
                                 "print(best)\n")});
    if (!python.waitForStarted()) {
        return -1;
    }
    python.write(QJsonDocument(QJsonObject{{"p", pattern}, {"t", text}})
                     .toJson(QJsonDocument::Compact));
    python.closeWriteChannel();
    bool ok = false;
    const double seconds = python.waitForFinished(60000)
        ? python.readAllStandardOutput().trimmed().toDouble(&ok)
        : -1;
    return ok && python.exitCode() == 0 ? seconds : -1;
}

void tst_PyRegex::sreEngineKeepsUpWithPythonWhenBacktracking()
{
    // Under load, the seed-202 case crossed the request's 0.5 s CPU budget while python3
    // answered in 0.23 s: sre's program took 1.6x sre's CPU time for the same steps (choice
    // points, undo log and mark snapshots in std::vectors: pushes not inlined, a memmove call
    // per snapshot; -O2). Now 1.3x. Both timed here in the same run, best of 3 each, CPU time
    // only; an attempt disturbed by the machine's load is measured again (at most 3).
    if (qEnvironmentVariableIsSet("STDLAB_SANITIZED")) {
        QSKIP("CPU time is several times larger under the sanitizers");
    }
    const auto rx = re::Regex::compile(kSeed202Pattern, 0);
    QVERIFY(rx);
    const re::Subject subject(kSeed202Text);
    double ratio = 0;
    for (int attempt = 0; attempt < 3; ++attempt) {
        const double theirs = pythonFindallSeconds(kSeed202Pattern, kSeed202Text);
        QVERIFY(theirs > 0);
        double ours = 1e9;
        for (int i = 0; i < 3; ++i) {
            timespec a{};
            timespec b{};
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a);
            re::Error error;
            const auto all = rx->findall(subject, 0, -1, &error);
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b);
            QVERIFY2(all && all->items.isEmpty(), qPrintable(error.message));
            ours = std::min(ours,
                            double(b.tv_sec - a.tv_sec) + double(b.tv_nsec - a.tv_nsec) / 1e9);
        }
        ratio = ours / theirs;
        qInfo("seed-202 case: python3 %.3f s, StdLab %.3f s of CPU: %.2fx", theirs, ours, ratio);
        if (ratio < 1.45) {
            break;
        }
    }
    QVERIFY2(ratio < 1.45, qPrintable(QString::number(ratio)));
}

void tst_PyRegex::sreEnginePatternsAreBounded()
{
    // Patterns run on the sre engine (a nullable group repeated {2,}) keep the request's
    // CPU budget and its cancel flag, and run linear work to its end.
    const auto rx = re::Regex::compile(QStringLiteral("(?:(a?){1,2}|a)+?b"), 0);
    const re::Subject runaway(QString(40, QLatin1Char('a')));
    QElapsedTimer timer;
    timer.start();
    re::Error error;
    QVERIFY(!rx->search(runaway, 0, -1, &error));
    QVERIFY(error.limit);
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    std::atomic<bool> cancel{true};
    error = {};
    timer.restart();
    QVERIFY(!rx->search(runaway, 0, -1, &error, &cancel));
    QVERIFY(!error.limit);
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
    const auto linear = re::Regex::compile(QStringLiteral("(a|b|){2,}c"), 0);
    const re::Subject text(QStringLiteral("ab").repeated(100000) + QLatin1Char('c'));
    error = {};
    const auto m = linear->search(text, 0, -1, &error);
    QVERIFY2(m, qPrintable(error.message));
    QCOMPARE(m->end(), text.length());
    QCOMPARE(m->start(1), text.length() - 1); // the empty iteration sre stops after
}

void tst_PyRegex::ignorecaseBackrefsPairDottedCapitalI()
{
    // sre's GROUPREF_UNI_IGNORE compares lower() of each character: lower('\u0130') is 'i'.
    // python3: re.findall('(?i)(\u0130|i|I)\\1', ...) below.
    const auto rx = re::Regex::compile(QStringLiteral("(\u0130|i|I)\\1"), re::IGNORECASE);
    const re::Subject s(QStringLiteral("\u0130i i\u0130 I\u0130 \u0130I \u0131I \u0130\u0130"));
    re::Error error;
    const auto all = rx->findall(s, 0, -1, &error);
    QVERIFY2(all, qPrintable(error.message));
    QCOMPARE(all->repr(), QStringLiteral("['\u0130', 'i', 'I', '\u0130', '\u0130']"));
    const auto word = re::Regex::compile(QStringLiteral("(\\w+) \\1"), re::IGNORECASE);
    QVERIFY(word->fullmatch(re::Subject(QStringLiteral("D\u0130Z diz"))));
    QVERIFY(!word->fullmatch(re::Subject(QStringLiteral("D\u0130Z d\u0131z"))));
    // Under ASCII only ASCII letters pair.
    const auto ascii =
        re::Regex::compile(QStringLiteral("(\u0130)\\1"), re::IGNORECASE | re::ASCII);
    QVERIFY(!ascii->search(re::Subject(QStringLiteral("\u0130i"))));
}

void tst_PyRegex::conditionalsNestedAsDeepAsCPython()
{
    // PCRE2 refused these from ~800 levels ("too complicated"); python3.11 takes 991.
    for (int n : {800, 991}) {
        const QString pattern = QStringLiteral("()") + QStringLiteral("(?(1)").repeated(n)
            + QLatin1Char('a') + QString(n, QLatin1Char(')'));
        re::Error error;
        const auto rx = re::Regex::compile(pattern, 0, &error);
        QVERIFY2(rx, qPrintable(QString::number(n) + QLatin1Char(' ') + error.message));
        const auto m = rx->search(re::Subject(QStringLiteral("xa")), 0, -1, &error);
        QVERIFY2(m, qPrintable(error.message));
        QCOMPARE(m->start(), 1);
        QCOMPARE(m->end(), 2);
        QVERIFY(!rx->search(re::Subject(QStringLiteral("xb"))));
    }
    re::Error error;
    const QString deeper = QStringLiteral("()") + QStringLiteral("(?(1)").repeated(992)
        + QLatin1Char('a') + QString(992, QLatin1Char(')'));
    QVERIFY(!re::Regex::compile(deeper, 0, &error));
    QCOMPARE(error.message, QStringLiteral("pattern nested too deeply"));
    QVERIFY(!re::Regex::compile(QString(496, QLatin1Char('(')) + QString(496, QLatin1Char(')')),
                                0, &error));
    QCOMPARE(error.message, QStringLiteral("pattern nested too deeply"));
    QVERIFY(re::Regex::compile(QString(495, QLatin1Char('(')) + QString(495, QLatin1Char(')')),
                               0, &error));
}

void tst_PyRegex::patternsPastLinkSize2KeepTheirCallouts()
{
    // 10,000 alternatives are too large for the 16-bit PCRE2 (LINK_SIZE 2): the 32-bit one
    // runs them, with the same callouts - the CPU budget (this ran 18 s and answered None)
    // and sre's IGNORECASE back-references (PCRE2 pairs s with U+017F, sre does not).
    QStringList alternatives;
    for (int i = 0; i < 10000; ++i) {
        alternatives << QString::number(i);
    }
    const QString many = alternatives.join(QLatin1Char('|'));
    const auto nested =
        re::Regex::compile(QLatin1Char('x') + many + QStringLiteral("x|(.*a){20}"), 0);
    QVERIFY(nested);
    QVERIFY(nested->pcrePattern().size() > 40000);
    const re::Subject s(QString(19, QLatin1Char('a')) + QString(30000, QLatin1Char('b')));
    QElapsedTimer timer;
    timer.start();
    re::Error error;
    QVERIFY(!nested->search(s, 0, -1, &error));
    QVERIFY(error.limit);
    QVERIFY2(timer.elapsed() < 8000, qPrintable(QString::number(timer.elapsed())));
    const auto backref =
        re::Regex::compile(QLatin1Char('x') + many + QStringLiteral("x|(s|\u0130)\\1"),
                           re::IGNORECASE);
    QVERIFY(!backref->search(re::Subject(QStringLiteral("s\u017f"))));
    const auto m = backref->search(re::Subject(QStringLiteral("-sS")));
    QVERIFY(m);
    QCOMPARE(m->start(), 1);
    QVERIFY(backref->search(re::Subject(QStringLiteral("\u0130i")))); // the sre engine
}

void tst_PyRegex::runawayPatternStopsWithLimit()
{
    const auto rx = re::Regex::compile(QStringLiteral("^(a+)+$"), 0);
    const re::Subject s(QString(30, QLatin1Char('a')) + QLatin1Char('b'));
    QElapsedTimer timer;
    timer.start();
    re::Error error;
    QVERIFY(!rx->search(s, 0, -1, &error));
    QVERIFY(error.limit);
    QCOMPARE(error.message, QStringLiteral("stopped: backtracking limit"));
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    error = {};
    QVERIFY(!rx->findall(s, 0, -1, &error));
    QVERIFY(error.limit);
}

void tst_PyRegex::backtrackingBudgetIsPerRequest()
{
    // The JIT does not count .* backtracking: this ran 18 s and answered None.
    const auto nested = re::Regex::compile(QStringLiteral("(.*a){20}"), 0);
    const re::Subject s1(QString(19, QLatin1Char('a')) + QString(30000, QLatin1Char('b')));
    QElapsedTimer timer;
    timer.start();
    re::Error error;
    QVERIFY(!nested->search(s1, 0, -1, &error));
    QVERIFY(error.limit);
    QVERIFY2(timer.elapsed() < 8000, qPrintable(QString::number(timer.elapsed())));
    // Each of 1,000 matches got a fresh budget: 28 s before the findall ended.
    const auto alternation = re::Regex::compile(QStringLiteral("(a+)+b|c"), 0);
    const re::Subject s2(QString(QString(22, QLatin1Char('a')) + QLatin1Char('c')).repeated(1000));
    timer.restart();
    error = {};
    QVERIFY(!alternation->findall(s2, 0, -1, &error));
    QVERIFY(error.limit);
    QCOMPARE(error.message, QStringLiteral("stopped: backtracking limit"));
    QVERIFY2(timer.elapsed() < 8000, qPrintable(QString::number(timer.elapsed())));
}

// The 32-bit code (a lone surrogate in the text, or a pattern too large for 16-bit PCRE2) has
// the same CPU-time budget and IGNORECASE back-reference check as the 16-bit code.
void tst_PyRegex::wideCodeIsBoundedAndChecked()
{
    const auto nested = re::Regex::compile(QStringLiteral("(.*a){20}"), 0);
    const re::Subject lone(QString(19, QLatin1Char('a')) + QString(30000, QLatin1Char('b'))
                           + QChar(0xD800));
    QVERIFY(lone.hadInvalidUtf16());
    QElapsedTimer timer;
    timer.start();
    re::Error error;
    QVERIFY(!nested->search(lone, 0, -1, &error));
    QVERIFY(error.limit);
    QVERIFY2(timer.elapsed() < 8000, qPrintable(QString::number(timer.elapsed())));

    // 10,000 alternatives need 32-bit PCRE2 (LINK_SIZE 2); sre's lower() per character still
    // holds: s and U+017F differ.
    QStringList alternatives;
    for (int i = 0; i < 10000; ++i) {
        alternatives << QString::number(i);
    }
    const auto big = re::Regex::compile(QStringLiteral("(s)\\1|") + alternatives.join(u'|'),
                                        re::flagsFromLetters(QStringLiteral("i")));
    QVERIFY(big);
    error = {};
    QVERIFY(!big->search(re::Subject(QStringLiteral("s\u017f")), 0, -1, &error));
    QVERIFY(!error.limit);
    const auto m = big->search(re::Subject(QStringLiteral("sS")), 0, -1, &error);
    QVERIFY(m);
    QCOMPARE(m->repr(re::Subject(QStringLiteral("sS"))),
             QStringLiteral("<re.Match object; span=(0, 2), match='sS'>"));
}

// PCRE2 copies a repeated group once per repetition and its JIT made machine code of each copy:
// ((.{1}){4194304}) inside a look-behind took 20 GB and 2.5 minutes, or was killed for its
// memory. A look-behind 2**21 wide failed at each of 2 million positions only after matching
// 65535 characters per level: minutes. (CPython's test_look_behind_overflow.)
void tst_PyRegex::hugeRepeatsAndLookBehindsStayCheap()
{
    QElapsedTimer timer;
    timer.start();
    for (const char *p : {"(?<=((.{1}){4194304}){1})", "(?<=((.{1}){1}){4194304})",
                          "(?<!((.{1}){4194304}){1})"}) {
        re::Error error;
        const auto rx = re::Regex::compile(QString::fromLatin1(p), 0, &error);
        QVERIFY2(rx, qPrintable(error.message));
        const re::Subject s(QStringLiteral("xx"));
        const auto m = rx->search(s, 0, -1, &error);
        QCOMPARE(bool(m), QByteArray(p).startsWith("(?<!"));
    }
    struct rusage usage = {};
    getrusage(RUSAGE_SELF, &usage);
    QVERIFY2(usage.ru_maxrss < 3 * 1024 * 1024, qPrintable(QString::number(usage.ru_maxrss)));

    const QString text(2'500'000, QLatin1Char('x'));
    const re::Subject s(text);
    const auto p1 = re::Regex::compile(QStringLiteral("(?<=((.{128}){128}){128})"), 0);
    const auto p2 = re::Regex::compile(QStringLiteral("(?<!((.{128}){128}){128})"), 0);
    QVERIFY(p1 && p2);
    re::Error error;
    const auto m1 = p1->search(s, 0, -1, &error);
    QVERIFY2(m1, qPrintable(error.message));
    QCOMPARE(m1->start(), qsizetype(1) << 21);
    const auto m2 = p2->search(s, 0, -1, &error);
    QVERIFY(m2);
    QCOMPARE(m2->start(), qsizetype(0));
    QVERIFY(!p1->search(re::Subject(text.left((1 << 21) - 1)), 0, -1, &error));
    QVERIFY(!error.limit);
    QVERIFY2(timer.elapsed() < 60000, qPrintable(QString::number(timer.elapsed())));
}

void tst_PyRegex::compileOverItsMemoryBudgetIsAClearError()
{
    // (ab){30000} copied 3,000 times: too large for 16-bit PCRE2, and 32-bit PCRE2 asks for
    // more than the 1 GiB compile budget (90 million copies of "ab", 4 bytes a unit) at once.
    QElapsedTimer timer;
    timer.start();
    re::Error error;
    const auto rx = re::Regex::compile(QStringLiteral("(?:(?:ab){30000}){3000}"), 0, &error);
    QVERIFY(!rx);
    QCOMPARE(error.message, QStringLiteral("pattern too large for StdLab's engine: compiling it "
                                           "needs more than 1 GiB (it copies a repeated group "
                                           "once per repetition)"));
    QCOMPARE(error.pos, qsizetype(-1));
    QVERIFY(!error.limit);
    // Refused before the memory was touched; the next compile gets the whole budget again.
    QVERIFY2(timer.elapsed() < 20000, qPrintable(QString::number(timer.elapsed())));
    const auto small = re::Regex::compile(QStringLiteral("(?:(?:ab){300}){30}"), 0, &error);
    QVERIFY(small);
    QVERIFY(small->fullmatch(re::Subject(QStringLiteral("ab").repeated(9000)), 0, -1, &error));
}

void tst_PyRegex::linearWorkOnABigTextIsNotStopped()
{
    // 4 MiB of words: many matches, each with some backtracking, all linear in the text.
    QString text;
    const QString words[] = {QStringLiteral("canción "), QStringLiteral("año, "),
                             QStringLiteral("x@y.es "), QStringLiteral("niño\n")};
    for (int i = 0; text.size() < (4 << 20); ++i) {
        text += words[(i * 7) % 4];
    }
    const re::Subject s(text);
    for (const char *pattern : {R"((?:\w+[ ,]+)+)", R"((\w+)@(\w+\.\w{2,}))", R"((\w+\s?)+?\n)"}) {
        const auto rx = re::Regex::compile(QString::fromLatin1(pattern), 0);
        re::Error error;
        const auto all = rx->findall(s, 0, -1, &error);
        QVERIFY2(all, qPrintable(pattern + QStringLiteral(": ") + error.message));
        QVERIFY(!all->items.isEmpty());
    }
}

void tst_PyRegex::forEachStopsEarly()
{
    const auto rx = re::Regex::compile(QStringLiteral("\\w+"), 0);
    const re::Subject s(QStringLiteral("uno dos tres cuatro"));
    QStringList seen;
    QVERIFY(rx->forEach(s, 0, -1, [&](const re::Match &m) {
        seen << m.text(s);
        return seen.size() < 2;
    }));
    QCOMPARE(seen, QStringList({QStringLiteral("uno"), QStringLiteral("dos")}));
    std::atomic<bool> cancel{true};
    int calls = 0;
    QVERIFY(rx->forEach(s, 0, -1, [&](const re::Match &) { return ++calls > 0; }, nullptr, &cancel));
    QCOMPARE(calls, 0);
}

void tst_PyRegex::cancellableScanFindsTheSameMatches()
{
    // With a cancel flag a long scan runs in windows of start positions; the matches (spans in
    // code points, empty matches included) must be the same as in one pass.
    QString text;
    const int n = 250000; // ~1.5M UTF-16 units: several windows
    for (int i = 0; i < n; ++i) {
        text += (i % 997 == 0) ? QStringLiteral("12/05 😀") : QStringLiteral("ab😀c ");
    }
    text += QStringLiteral("xFIN");
    const re::Subject s(text);
    // "[^X]*?FIN$" costs more than the budget of the first, un-windowed try: windows take over.
    for (const char *pattern :
         {"\\d{2}/\\d{2}", "(?<=😀)c\\b", "x*", "\\Z", "[^X]*?FIN$", "\\w+FIN$"}) {
        const auto rx = re::Regex::compile(QString::fromUtf8(pattern), 0);
        std::vector<qsizetype> plain;
        std::vector<qsizetype> windowed;
        rx->forEach(s, 0, -1, [&](const re::Match &m) {
            plain.push_back(m.start());
            plain.push_back(m.end());
            return true;
        });
        const std::atomic<bool> cancel{false};
        rx->forEach(
            s, 0, -1,
            [&](const re::Match &m) {
                windowed.push_back(m.start());
                windowed.push_back(m.end());
                return true;
            },
            nullptr, &cancel);
        QVERIFY2(!plain.empty(), pattern);
        QCOMPARE(windowed, plain);
        const auto last = rx->search(s, s.length() - 10, -1, nullptr, &cancel);
        QCOMPARE(bool(last), bool(rx->search(s, s.length() - 10)));
    }
}

void tst_PyRegex::concurrentUseOfOneRegex()
{
    const auto rx = re::Regex::compile(QStringLiteral("(\\w+)@(\\w+\\.\\w{2,})"), 0);
    QString text;
    for (int i = 0; i < 2000; ++i) {
        text += QStringLiteral("hola 😀 user%1@mail.es ").arg(i);
    }
    const re::Subject s(text);
    std::atomic<int> total{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            const auto r = rx->findall(s);
            total += int(r ? r->items.size() : 0);
        });
    }
    for (auto &t : threads) {
        t.join();
    }
    QCOMPARE(total.load(), 8000);
}

void tst_PyRegex::flagLetters()
{
    QCOMPARE(re::flagsFromLetters(u"imsxa"), re::IGNORECASE | re::MULTILINE | re::DOTALL
                                                 | re::VERBOSE | re::ASCII);
    QString error;
    QCOMPARE(re::flagsFromLetters(u"q", &error), -1);
    QVERIFY(!error.isEmpty());
    QCOMPARE(re::flagLetters(re::ASCII | re::IGNORECASE), QStringLiteral("ia"));
}

QTEST_GUILESS_MAIN(tst_PyRegex)
#include "tst_pyregex.moc"
