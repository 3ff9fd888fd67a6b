// RegexModel: inputs -> worker runs -> batched matches, Python values, errors, Python code.
#include "regex/regexmodel.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QtTest>

using namespace stdlab::re;

class tst_RegexModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findallEmailsGivesGroupsAndValue();
    void everyFunction_data();
    void everyFunction();
    void searchWithPosAndEndpos();
    void unicodeOffsetsInCodePointsAndUnits();
    void badPatternReportsMessageAndPosition();
    void badReplacementReportsItsPosition();
    void runawayPatternStopsWithTheLimit();
    void typingSupersedesEarlierRuns();
    void limitAfterSomeMatchesKeepsThem();
    void deepNestingIsAnError();
    void changeDuringARunCancelsIt();
    void manyMatchesArriveInFewBatches();
    void matchesCostLessThanTheirText();
    void oneCharacterMatchesWithGroupsCostLessThanTheText_data();
    void oneCharacterMatchesWithGroupsCostLessThanTheText();
    void matchListKeepsEverySpan_data();
    void matchListKeepsEverySpan();
    void groupsOutsideTheMatchKeepTheirSpans();
    void subCountLimitsHighlightedMatches();
    void hugeValuesAreShortened();
    void pythonCode_data();
    void pythonCode();
    void pythonCodeOfLongTextAndFile();

private:
    static void waitFinished(RegexModel &model);
};

void tst_RegexModel::waitFinished(RegexModel &model)
{
    QSignalSpy finished(&model, &RegexModel::finished);
    if (!model.isRunning()) {
        return;
    }
    QVERIFY(finished.wait(20000));
}

void tst_RegexModel::findallEmailsGivesGroupsAndValue()
{
    RegexModel model;
    QSignalSpy reset(&model, &RegexModel::resultsReset);
    model.setText(QStringLiteral(
        "Los usuarios pueden contactarnos a soporte@hack4u.io o a info@hack4u.io"));
    model.setPattern(QStringLiteral("(\\w+)@(\\w+\\.\\w{2,})"));
    QVERIFY(model.isRunning());
    waitFinished(model);
    QVERIFY(!model.isRunning());
    QVERIFY(!model.hasError());
    QCOMPARE(model.matchCount(), 2);
    QCOMPARE(model.groupCount(), 2);
    const MatchList &m = model.matches();
    QCOMPARE(m.cpStart(0), 35);
    QCOMPARE(m.cpEnd(0), 52);
    QCOMPARE(m.cpStart(0, 1), 35);
    QCOMPARE(m.cpEnd(0, 1), 42);
    QCOMPARE(m.cpStart(0, 2), 43);
    QCOMPARE(m.cpStart(1), 57);
    QCOMPARE(m.cpEnd(1), 71);
    QCOMPARE(model.valueRepr(),
             QStringLiteral("[('soporte', 'hack4u.io'), ('info', 'hack4u.io')]"));
    QCOMPARE(reset.count(), 1);
}

void tst_RegexModel::everyFunction_data()
{
    QTest::addColumn<int>("function");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("repl");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("matches");

    const QString gato = QStringLiteral("mi gato está en el tejado y mi otro gato está en el jardín");
    QTest::newRow("findall gato") << int(Function::Findall) << "gato" << gato << "" << 0
                                  << "['gato', 'gato']" << 2;
    QTest::newRow("findall dates")
        << int(Function::Findall) << "\\d{2}/\\d{2}/\\d{4}"
        << "Hoy estamos a 10/10/2023, mañana estaremos a 11/10/2023" << "" << 0
        << "['10/10/2023', '11/10/2023']" << 2;
    QTest::newRow("findall one group gives strings")
        << int(Function::Findall) << "(a)|b" << "ab" << "" << 0 << "['a', '']" << 2;
    QTest::newRow("finditer: the list of matches") << int(Function::Finditer) << "\\bcar" << "car, cart, masticar"
                                           << "" << 0
                                           << "[<re.Match object; span=(0, 3), match='car'>, "
                                              "<re.Match object; span=(5, 8), match='car'>]" << 2;
    QTest::newRow("search") << int(Function::Search) << "t\\w+" << gato << "" << 0
                            << "<re.Match object; span=(5, 7), match='to'>" << 1;
    QTest::newRow("match fails") << int(Function::Match) << "gato" << gato << "" << 0 << "None"
                                 << 0;
    QTest::newRow("fullmatch validator")
        << int(Function::Fullmatch) << "[A-Za-z0-9._+-]+@[A-Za-z0-9]+\\.[A-Za-z]{2,}"
        << "soporte@hack4u.io" << "" << 0
        << "<re.Match object; span=(0, 17), match='soporte@hack4u.io'>" << 1;
    QTest::newRow("sub all")
        << int(Function::Sub) << "gato" << gato << "perro" << 0
        << "'mi perro está en el tejado y mi otro perro está en el jardín'" << 2;
    QTest::newRow("subn count 1 with a group")
        << int(Function::Subn) << "(g)ato" << gato << "\\1ata" << 1
        << "('mi gata está en el tejado y mi otro gato está en el jardín', 1)" << 1;
    QTest::newRow("split commas") << int(Function::Split) << "," << "Campo1,Campo2,Campo3"
                                  << "" << 0 << "['Campo1', 'Campo2', 'Campo3']" << 2;
    QTest::newRow("split maxsplit with groups and None")
        << int(Function::Split) << "(,)|(;)" << "a,b;c,d" << "" << 2
        << "['a', ',', None, 'b', None, ';', 'c,d']" << 2;
    QTest::newRow("split on empty matches") << int(Function::Split) << "x*" << "ab" << "" << 0
                                            << "['', 'a', 'b', '']" << 3;
    QTest::newRow("empty pattern findall") << int(Function::Findall) << "" << "añ" << "" << 0
                                           << "['', '', '']" << 3;
}

void tst_RegexModel::everyFunction()
{
    QFETCH(int, function);
    QFETCH(QString, pattern);
    QFETCH(QString, text);
    QFETCH(QString, repl);
    QFETCH(int, count);
    QFETCH(QString, value);
    QFETCH(int, matches);
    RegexModel model;
    model.setFunction(Function(function));
    model.setText(text);
    model.setPattern(pattern);
    model.setReplacement(repl);
    model.setCount(count);
    waitFinished(model);
    QVERIFY2(!model.hasError(), qPrintable(model.error().message));
    QCOMPARE(model.valueRepr(), value);
    QCOMPARE(model.matchCount(), matches);
    QVERIFY(!model.valueTruncated());
}

void tst_RegexModel::searchWithPosAndEndpos()
{
    RegexModel model;
    model.setFunction(Function::Search);
    model.setText(QStringLiteral("ab12cd345ef"));
    model.setPattern(QStringLiteral("\\d+"));
    model.setPos(5);
    waitFinished(model);
    QCOMPARE(model.valueRepr(), QStringLiteral("<re.Match object; span=(6, 9), match='345'>"));
    model.setEndpos(8);
    waitFinished(model);
    QCOMPARE(model.valueRepr(), QStringLiteral("<re.Match object; span=(6, 8), match='34'>"));
    model.setFunction(Function::Findall);
    model.setPos(0);
    waitFinished(model);
    QCOMPARE(model.valueRepr(), QStringLiteral("['12', '34']"));
    model.setFunction(Function::Match);
    model.setPos(2);
    model.setEndpos(-1);
    waitFinished(model);
    QCOMPARE(model.valueRepr(), QStringLiteral("<re.Match object; span=(2, 4), match='12'>"));
}

void tst_RegexModel::unicodeOffsetsInCodePointsAndUnits()
{
    RegexModel model;
    model.setText(QStringLiteral("😀 año 🎉🎉 niño"));
    model.setPattern(QStringLiteral("\\w+"));
    waitFinished(model);
    QCOMPARE(model.matchCount(), 2);
    const MatchList &m = model.matches();
    // Python: [(2, 5), (9, 13)]; UTF-16: each emoji is two units.
    QCOMPARE(m.cpStart(0), 2);
    QCOMPARE(m.cpEnd(0), 5);
    QCOMPARE(m.unitStart(0), 3);
    QCOMPARE(m.unitEnd(0), 6);
    QCOMPARE(m.cpStart(1), 9);
    QCOMPARE(m.cpEnd(1), 13);
    QCOMPARE(m.unitStart(1), 12);
    QCOMPARE(m.unitEnd(1), 16);
    QCOMPARE(model.valueRepr(), QStringLiteral("['año', 'niño']"));
    QCOMPARE(m.firstStartingAtOrAfter(4), 1);
    QCOMPARE(m.firstEndingAfter(6), 1);
    QCOMPARE(m.firstEndingAfter(5), 0);
}

void tst_RegexModel::badPatternReportsMessageAndPosition()
{
    RegexModel model;
    model.setText(QStringLiteral("abc"));
    model.setPattern(QStringLiteral("ab(c"));
    waitFinished(model);
    QVERIFY(model.hasError());
    QCOMPARE(model.errorSource(), RegexModel::ErrorSource::Pattern);
    QCOMPARE(model.error().message, QStringLiteral("missing ), unterminated subpattern"));
    QCOMPARE(model.error().pos, 2);
    QVERIFY(!model.error().limit);
    QCOMPARE(model.matchCount(), 0);
    QCOMPARE(model.valueRepr(), QString());
    // Fixing it clears the error.
    model.setPattern(QStringLiteral("ab(c)"));
    waitFinished(model);
    QVERIFY(!model.hasError());
    QCOMPARE(model.valueRepr(), QStringLiteral("['c']"));
}

void tst_RegexModel::badReplacementReportsItsPosition()
{
    RegexModel model;
    model.setFunction(Function::Sub);
    model.setText(QStringLiteral("abc"));
    model.setPattern(QStringLiteral("(b)"));
    model.setReplacement(QStringLiteral("x\\2"));
    waitFinished(model);
    QVERIFY(model.hasError());
    QCOMPARE(model.errorSource(), RegexModel::ErrorSource::Replacement);
    QCOMPARE(model.error().message, QStringLiteral("invalid group reference 2"));
    QCOMPARE(model.error().pos, 2);
}

void tst_RegexModel::runawayPatternStopsWithTheLimit()
{
    RegexModel model;
    model.setFunction(Function::Search);
    model.setText(QString(30, QLatin1Char('a')) + QLatin1Char('b'));
    QElapsedTimer clock;
    clock.start();
    model.setPattern(QStringLiteral("^(a+)+$"));
    waitFinished(model);
    QVERIFY(clock.elapsed() < 5000);
    QVERIFY(model.hasError());
    QVERIFY(model.error().limit);
    QCOMPARE(model.error().message, limitMessage());
    QCOMPARE(model.error().message, QStringLiteral("stopped: backtracking limit"));
    QCOMPARE(model.valueRepr(), QString()); // never a wrong None
}

void tst_RegexModel::limitAfterSomeMatchesKeepsThem()
{
    // One budget for the whole run: each of the 1,000 runaway matches had a fresh one (28 s).
    RegexModel model;
    model.setFunction(Function::Findall);
    model.setText(QStringLiteral("ccc") + QString(QString(22, QLatin1Char('a')) + QLatin1Char('c')).repeated(1000));
    QElapsedTimer clock;
    clock.start();
    model.setPattern(QStringLiteral("(a+)+b|c"));
    waitFinished(model);
    QVERIFY2(clock.elapsed() < 10000, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(model.hasError());
    QVERIFY(model.error().limit);
    QVERIFY(model.matchCount() >= 3); // the matches before the limit, shown as such
    QCOMPARE(model.matches().cpStart(0), 0);
}

void tst_RegexModel::deepNestingIsAnError()
{
    RegexModel model;
    model.setText(QStringLiteral("a"));
    model.setPattern(QString(12000, QLatin1Char('(')) + QLatin1Char('a') + QString(12000, QLatin1Char(')')));
    waitFinished(model);
    QVERIFY(model.hasError());
    QCOMPARE(model.error().message, QStringLiteral("pattern nested too deeply"));
    QCOMPARE(model.error().pos, -1);
}

void tst_RegexModel::typingSupersedesEarlierRuns()
{
    RegexModel model;
    QString text;
    for (int i = 0; i < 20000; ++i) {
        text += QStringLiteral("el gato y la gata comen %1 ").arg(i);
    }
    model.setText(text); // over 64 Ki characters: debounced
    waitFinished(model);
    QSignalSpy finished(&model, &RegexModel::finished);
    QSignalSpy reset(&model, &RegexModel::resultsReset);
    for (const char *typed : {"g", "ga", "gat", "gato"}) {
        model.setPattern(QLatin1String(typed));
        QTest::qWait(20); // faster than the debounce
    }
    QVERIFY(finished.wait(20000));
    QTest::qWait(300);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.matchCount(), 20000);
    QCOMPARE(model.matches().cpEnd(0) - model.matches().cpStart(0), 4);
}

void tst_RegexModel::changeDuringARunCancelsIt()
{
    RegexModel model;
    model.setDebounce(0, 0);
    QString text;
    for (int i = 0; i < 400000; ++i) {
        text += QStringLiteral("palabra%1 ").arg(i % 10);
    }
    model.setText(text);
    waitFinished(model);
    QSignalSpy finished(&model, &RegexModel::finished);
    // Matches delivered since the last reset: all must be the second pattern's.
    qsizetype delivered = 0;
    connect(&model, &RegexModel::resultsReset, this, [&delivered] { delivered = 0; });
    connect(&model, &RegexModel::matchesAdded, this,
            [&delivered](qsizetype, qsizetype n) { delivered += n; });
    model.setPattern(QStringLiteral("(\\w)(\\w*)"));
    QTest::qWait(5); // the run has started in the worker
    model.setPattern(QStringLiteral("palabra7"));
    QVERIFY(finished.wait(20000));
    QTest::qWait(200);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(model.matchCount(), 40000);
    QCOMPARE(model.groupCount(), 0);
    QCOMPARE(delivered, 40000);
    QCOMPARE(model.matches().cpStart(0), 63);
}

void tst_RegexModel::manyMatchesArriveInFewBatches()
{
    RegexModel model;
    QString text;
    const int words = 300000;
    for (int i = 0; i < words; ++i) {
        text += QStringLiteral("año%1 ").arg(i % 7);
    }
    model.setText(text);
    QSignalSpy added(&model, &RegexModel::matchesAdded);
    model.setFunction(Function::Finditer);
    model.setPattern(QStringLiteral("\\w+"));
    waitFinished(model);
    QCOMPARE(model.matchCount(), words);
    qsizetype sum = 0;
    qsizetype next = 0;
    for (const QList<QVariant> &args : added) {
        QCOMPARE(args.at(0).value<qsizetype>(), next);
        next += args.at(1).value<qsizetype>();
        sum += args.at(1).value<qsizetype>();
    }
    QCOMPARE(sum, words);
    // Batches, not one signal per match (their number depends on time, not on matches).
    QVERIFY2(added.count() * 1000 < words, qPrintable(QString::number(added.count())));
    QCOMPARE(model.matches().cpStart(words - 1), qsizetype(words - 1) * 5);
    QCOMPARE(model.matches().cpEnd(words - 1), qsizetype(words - 1) * 5 + 4);
}

void tst_RegexModel::matchesCostLessThanTheirText()
{
    // At most 8 bytes a span (UTF-16 offsets; compact blocks take far less); code points are
    // counted in the text when asked, also past emoji (two units, one code point). They took 16
    // bytes a span.
    RegexModel model;
    QString text;
    const int words = 200000;
    for (int i = 0; i < words; ++i) {
        // 10 UTF-16 units, 9 code points; one match ("abcdef7"), its group 1 is "a".
        text += QStringLiteral("\U0001F600abcdef%1 ").arg(i % 10);
    }
    model.setText(text);
    model.setFunction(Function::Finditer);
    model.setPattern(QStringLiteral("(\\w)\\w+"));
    waitFinished(model);
    const MatchList &m = model.matches();
    QCOMPARE(m.size(), words);
    const qsizetype spans = 2 * qsizetype(words); // group 0 and group 1
    QVERIFY2(m.bytes() <= spans * 8 + 64 * 1024, qPrintable(QString::number(m.bytes())));
    QVERIFY(m.bytes() < text.size() * 2);
    for (const qsizetype i :
         {qsizetype(0), qsizetype(1), qsizetype(words / 2), qsizetype(words) - 1}) {
        QCOMPARE(m.unitStart(i), 10 * i + 2);
        QCOMPARE(m.unitEnd(i), 10 * i + 9);
        QCOMPARE(m.cpStart(i), 9 * i + 1);
        QCOMPARE(m.cpEnd(i), 9 * i + 8);
        QCOMPARE(m.cpStart(i, 1), 9 * i + 1);
        QCOMPARE(m.cpEnd(i, 1), 9 * i + 2);
    }
}

void tst_RegexModel::oneCharacterMatchesWithGroupsCostLessThanTheText_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<int>("groups");
    QTest::newRow("(\\w)") << QStringLiteral("(\\w)") << 1;
    QTest::newRow("((\\w))(x)?") << QStringLiteral("((\\w))(x)?") << 3;
    QTest::newRow("(?P<a>\\w)|(?P<b>\\s)") << QStringLiteral("(?P<a>\\w)|(?P<b>\\s)") << 2;
}

void tst_RegexModel::oneCharacterMatchesWithGroupsCostLessThanTheText()
{
    // Every character a match, each with groups: at 8 bytes a span the matches of `(\w)` took
    // 16 bytes a character against the text's 2 (64 MB beside 38 MB on the 20 MiB bench text).
    QFETCH(QString, pattern);
    QFETCH(int, groups);
    RegexModel model;
    QString text;
    for (int i = 0; i < 40000; ++i) {
        text += QStringLiteral("gato%1 ").arg(i % 10, 2, 10, QLatin1Char('0'));
    }
    model.setText(text);
    model.setFunction(Function::Finditer);
    model.setPattern(pattern);
    waitFinished(model);
    const MatchList &m = model.matches();
    QCOMPARE(m.groupCount(), groups);
    QVERIFY(m.size() >= text.size() * 6 / 7);
    QVERIFY2(m.bytes() <= text.size() * 2,
             qPrintable(QStringLiteral("%1 bytes for %2 matches of a %3-character text")
                            .arg(m.bytes())
                            .arg(m.size())
                            .arg(text.size())));
    // The spans are the engine's: the last match (the final space, or the '9' before it).
    const qsizetype last = m.size() - 1;
    const bool alternation = pattern.contains(QLatin1Char('|'));
    QCOMPARE(m.unitStart(last), text.size() - (alternation ? 1 : 2));
    QCOMPARE(m.unitEnd(last), m.unitStart(last) + 1);
    QCOMPARE(m.matched(last, 1), !alternation);
    // The last group: (?P<b>\\s) took the space; (x)? took nothing; (\\w) the '9'.
    const qsizetype lastGroupStart = alternation ? text.size() - 1
        : pattern.endsWith(QLatin1String("(x)?"))  ? -1
                                                   : text.size() - 2;
    QCOMPARE(m.unitStart(last, groups), lastGroupStart);
    if (!alternation) {
        QCOMPARE(m.unitEnd(last, 1), m.unitEnd(last));
    }
}

void tst_RegexModel::matchListKeepsEverySpan_data()
{
    QTest::addColumn<int>("groups");
    QTest::addColumn<int>("maxGap");
    QTest::addColumn<int>("distinct"); // shapes to draw from
    QTest::newRow("no group, dense, one shape") << 0 << 1 << 1;
    QTest::newRow("one group, gaps of 2 bytes, 300 shapes") << 1 << 60 << 300;
    QTest::newRow("three groups, gaps of 4 bytes, every match its own shape") << 3 << 200000
                                                                                << 1000000;
}

void tst_RegexModel::matchListKeepsEverySpan()
{
    // Random matches through the compact encoding and back: starts 1, 2 or 4 bytes from their
    // block's first, shapes shared or not (1- and 2-byte indexes), groups unmatched, before the
    // match (lookbehind) and after it (lookahead), offsets up to 2^31.
    QFETCH(int, groups);
    QFETCH(int, maxGap);
    QFETCH(int, distinct);
    const int stride = 2 * (groups + 1);
    constexpr qint32 kUnmatched = std::numeric_limits<qint32>::min();
    QRandomGenerator random(20261207);
    std::vector<std::vector<qint32>> shapes;
    for (int i = 0; i < std::min(distinct, 5000); ++i) {
        std::vector<qint32> shape(size_t(stride - 1));
        shape[0] = qint32(random.bounded(0, 40)); // the match's length
        for (int v = 1; v < stride - 1; v += 2) {
            if (random.bounded(4) == 0) {
                shape[size_t(v)] = shape[size_t(v + 1)] = kUnmatched;
                continue;
            }
            shape[size_t(v)] = qint32(random.bounded(-20, 60));
            shape[size_t(v + 1)] = shape[size_t(v)] + qint32(random.bounded(0, 30));
        }
        shapes.push_back(shape);
    }
    MatchList list(groups);
    MatchList::Block::Builder builder(groups);
    std::vector<qsizetype> expected;
    const qsizetype n = 3 * MatchList::kBlock + 17;
    qsizetype start = 100;
    std::vector<qsizetype> units(static_cast<size_t>(stride));
    for (qsizetype i = 0; i < n; ++i) {
        start += random.bounded(maxGap) + (i == n - 1 ? (qsizetype(1) << 30) : 0);
        const auto &shape = distinct >= 1000000 ? shapes[size_t(i) % shapes.size()]
                                                : shapes[random.bounded(quint32(shapes.size()))];
        units[0] = start;
        for (int v = 1; v < stride; ++v) {
            const qint32 rel = shape[size_t(v - 1)];
            units[size_t(v)] = rel == kUnmatched ? -1 : start + rel;
        }
        if (distinct >= 1000000) {
            units[1] = start + (i % 50000); // no two alike
        }
        expected.insert(expected.end(), units.begin(), units.end());
        builder.add(units.data());
        if (builder.count() == MatchList::kBlock || i % 5000 == 4999) {
            list.append(builder.take());
        }
    }
    list.append(builder.take());
    QCOMPARE(list.size(), n);
    for (qsizetype i = 0; i < n; ++i) {
        for (int g = 0; g <= groups; ++g) {
            const qsizetype a = expected[size_t(i * stride + 2 * g)];
            const qsizetype b = expected[size_t(i * stride + 2 * g + 1)];
            if (list.unitStart(i, g) != a || list.unitEnd(i, g) != b) {
                QFAIL(qPrintable(QStringLiteral("match %1 group %2: (%3, %4), expected (%5, %6)")
                                     .arg(i)
                                     .arg(g)
                                     .arg(list.unitStart(i, g))
                                     .arg(list.unitEnd(i, g))
                                     .arg(a)
                                     .arg(b)));
            }
        }
    }
    // Never more than 4 bytes a value and 6 a match besides.
    QVERIFY2(list.bytes() <= n * (4 * stride + 6) + 64 * 1024,
             qPrintable(QString::number(list.bytes())));
}

void tst_RegexModel::groupsOutsideTheMatchKeepTheirSpans()
{
    // A group inside a lookbehind ends before its match starts; one in a lookahead after it ends.
    RegexModel model;
    model.setText(QStringLiteral("xab abc 😀abc"));
    model.setFunction(Function::Finditer);
    model.setPattern(QStringLiteral("(?<=(a))b(?=(c))|(x)"));
    waitFinished(model);
    const MatchList &m = model.matches();
    QCOMPARE(m.size(), 3);
    QCOMPARE(m.cpStart(0, 3), 0);
    QVERIFY(!m.matched(0, 1));
    QCOMPARE(m.cpStart(1), 5);
    QCOMPARE(m.cpStart(1, 1), 4);
    QCOMPARE(m.cpEnd(1, 1), 5);
    QCOMPARE(m.cpStart(1, 2), 6);
    QCOMPARE(m.cpEnd(1, 2), 7);
    QVERIFY(!m.matched(1, 3));
    QCOMPARE(m.cpStart(2, 1), 9);
    QCOMPARE(m.unitStart(2, 1), 10);
    QCOMPARE(m.cpEnd(2, 2), 12);
}

void tst_RegexModel::subCountLimitsHighlightedMatches()
{
    RegexModel model;
    model.setFunction(Function::Sub);
    model.setText(QStringLiteral("a-b-c-d"));
    model.setPattern(QStringLiteral("-"));
    model.setReplacement(QStringLiteral("+"));
    model.setCount(2);
    waitFinished(model);
    QCOMPARE(model.valueRepr(), QStringLiteral("'a+b+c-d'"));
    QCOMPARE(model.matchCount(), 2);
}

void tst_RegexModel::hugeValuesAreShortened()
{
    RegexModel model;
    model.setText(QString(30000, QLatin1Char('x')));
    model.setPattern(QStringLiteral("x"));
    waitFinished(model);
    QCOMPARE(model.matchCount(), 30000);
    QVERIFY(model.valueTruncated());
    QCOMPARE(model.valueRepr().count(QLatin1Char('x')), RegexModel::kValueItems);
    model.setFunction(Function::Sub);
    model.setText(QString(300000, QLatin1Char('x')));
    model.setReplacement(QStringLiteral("yy"));
    waitFinished(model);
    QVERIFY(model.valueTruncated());
    QCOMPARE(model.matchCount(), 300000);
    QCOMPARE(model.valueRepr().size(), RegexModel::kValueChars + 2);
}

void tst_RegexModel::pythonCode_data()
{
    QTest::addColumn<int>("function");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<int>("flags");
    QTest::addColumn<QString>("repl");
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("pos");
    QTest::addColumn<int>("endpos");
    QTest::addColumn<QString>("code");

    const QString head = QStringLiteral("import re\n\ntexto = \"Hoy, 10/10/2023\"\n");
    QTest::newRow("findall emails raw")
        << int(Function::Findall) << "(\\w+)@(\\w+\\.\\w{2,})" << 0 << "" << 0 << -1 << -1
        << head + "print(re.findall(r\"(\\w+)@(\\w+\\.\\w{2,})\", texto))\n";
    QTest::newRow("search with flags")
        << int(Function::Search) << "hoy" << int(IGNORECASE | MULTILINE) << "" << 0 << -1 << -1
        << head + "print(re.search(\"hoy\", texto, re.IGNORECASE | re.MULTILINE))\n";
    QTest::newRow("sub count flags")
        << int(Function::Sub) << "gato" << int(IGNORECASE) << "perro" << 1 << -1 << -1
        << head
            + "resultado = re.sub(\"gato\", \"perro\", texto, count=1, flags=re.IGNORECASE)\n"
              "print(resultado)\nprint(repr(resultado))\n";
    QTest::newRow("subn group template")
        << int(Function::Subn) << "(\\d+)" << 0 << "<\\1>" << 0 << -1 << -1
        << head + "print(re.subn(r\"(\\d+)\", r\"<\\1>\", texto))\n";
    QTest::newRow("split maxsplit")
        << int(Function::Split) << "," << 0 << "" << 2 << -1 << -1
        << head + "print(re.split(\",\", texto, maxsplit=2))\n";
    QTest::newRow("finditer list")
        << int(Function::Finditer) << "\\b(\\d{2}/\\d{2}/\\d{4})\\b" << 0 << "" << 0 << -1 << -1
        << head
            + "print(list(re.finditer(r\"\\b(\\d{2}/\\d{2}/\\d{4})\\b\", texto)))\n";
    QTest::newRow("pos endpos compile")
        << int(Function::Fullmatch) << "\\d+" << int(DOTALL) << "" << 0 << 5 << 7
        << head + "patron = re.compile(r\"\\d+\", re.DOTALL)\nprint(patron.fullmatch(texto, 5, 7))\n";
    QTest::newRow("endpos only")
        << int(Function::Findall) << "o" << 0 << "" << 0 << -1 << 3
        << head + "patron = re.compile(\"o\")\nprint(patron.findall(texto, 0, 3))\n";
    QTest::newRow("pattern with a quote")
        << int(Function::Findall) << "\"\\w+\"" << int(VERBOSE | ASCII) << "" << 0 << -1 << -1
        << head + "print(re.findall('\"\\\\w+\"', texto, re.VERBOSE | re.ASCII))\n";
}

void tst_RegexModel::pythonCode()
{
    QFETCH(int, function);
    QFETCH(QString, pattern);
    QFETCH(int, flags);
    QFETCH(QString, repl);
    QFETCH(int, count);
    QFETCH(int, pos);
    QFETCH(int, endpos);
    QFETCH(QString, code);
    RegexModel model;
    QSignalSpy changed(&model, &RegexModel::pythonCodeChanged);
    model.setText(QStringLiteral("Hoy, 10/10/2023"));
    model.setFunction(Function(function));
    model.setPattern(pattern);
    model.setFlags(flags);
    model.setReplacement(repl);
    model.setCount(count);
    model.setPos(pos);
    model.setEndpos(endpos);
    QVERIFY(changed.count() >= 2);
    QCOMPARE(model.pythonCode(), code);
}

void tst_RegexModel::pythonCodeOfLongTextAndFile()
{
    RegexModel model;
    model.setPattern(QStringLiteral("\\w+"));
    model.setText(QString(5000, QLatin1Char('a')));
    QCOMPARE(model.pythonCode(),
             QStringLiteral("import re\n\n# The text (5000 characters) is too long to write here: "
                            "save it as texto.txt.\nwith open(\"texto.txt\", encoding=\"utf-8\") as "
                            "f:\n    texto = f.read()\nprint(re.findall(r\"\\w+\", texto))\n"));
    model.setTextFileName(QStringLiteral("/tmp/datos.txt"));
    QCOMPARE(model.pythonCode(),
             QStringLiteral("import re\n\nwith open(\"/tmp/datos.txt\", encoding=\"utf-8\") as "
                            "f:\n    texto = f.read()\nprint(re.findall(r\"\\w+\", texto))\n"));
    model.setTextFileName(QString());
    model.setText(QStringLiteral("línea 1\nlínea 2"));
    QCOMPARE(model.pythonCode(),
             QStringLiteral("import re\n\ntexto = \"línea 1\\nlínea 2\"\n"
                            "print(re.findall(r\"\\w+\", texto))\n"));
}

QTEST_GUILESS_MAIN(tst_RegexModel)
#include "tst_regexmodel.moc"
