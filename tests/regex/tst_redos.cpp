// re::redos(): the ReDoS verdict of a pattern, with an attack that really fails to match and
// takes growing steps; `stdlab regex redos` and the --batch op "redos".
// tests/regex/redos_python.py (label long) times python3's re on the same attacks.
#include "regex/redos.h"
#include "common/pyrepr.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

using namespace stdlab;

class tst_Redos : public QObject
{
    Q_OBJECT

private slots:
    void verdicts_data();
    void verdicts();
    void attacksFailToMatchAndGrow_data();
    void attacksFailToMatchAndGrow();
    void flagsChangeTheVerdict();
    void longIterationsAreNotMeasuredPastTheLongestText();
    void badPatternIsAnError();
    void cancelledAnalysisSaysSo();
    void json();
    void commandLine();
    void batchOp();
    void searchTriesEveryStart_data();
    void searchTriesEveryStart();
    void searchOnlyBlowUps_data();
    void searchOnlyBlowUps();
    void unknownWhenTheAnalysisCannotConclude();
};

void tst_Redos::verdicts_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("verdict");
    QTest::addColumn<int>("degree");
    QTest::addColumn<QString>("span"); ///< the part of the pattern responsible
    auto row = [](const char *name, const QString &pattern, const char *verdict, int degree,
                  const QString &span) {
        QTest::newRow(name) << pattern << QString::fromLatin1(verdict) << degree << span;
    };
    const QString owasp = QStringLiteral(
        "^([a-zA-Z0-9])(([\\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|"
        "([a-z]{2,3}[.]{1}[a-z]{2,3}))$");
    row("nested repeats (a+)+$", QStringLiteral("(a+)+$"), "exponential", 0,
        QStringLiteral("(a+)+"));
    row("overlapping alternatives (a|aa)+$", QStringLiteral("(a|aa)+$"), "exponential", 0,
        QStringLiteral("(a|aa)+"));
    row("equal alternatives (a|a)*$", QStringLiteral("(a|a)*$"), "exponential", 0,
        QStringLiteral("(a|a)*"));
    row("words and optional spaces", QStringLiteral("(\\w+\\s?)*$"), "exponential", 0,
        QStringLiteral("(\\w+\\s?)*"));
    row("OWASP e-mail validator", owasp, "exponential", 0,
        QStringLiteral("(([\\-.]|[_]+)?([a-zA-Z0-9]+))*"));
    row("lazy (?:a|a)*?$", QStringLiteral("(?:a|a)*?$"), "exponential", 0,
        QStringLiteral("(?:a|a)*?"));
    // [^!] takes nearly every character: the one that fails the text also starts iterations.
    row("an alternative taking any character", QStringLiteral("(?:a?a|[^!]{2}[a!])+$"),
        "exponential", 0, QStringLiteral("(?:a?a|[^!]{2}[a!])+"));
    // The repeat a?\w is measured too; the blow-up is its enclosing repeat's.
    row("growth met through an inner repeat", QStringLiteral("(a?\\w|[^!]{2,4}!)+$"),
        "exponential", 0, QStringLiteral("(a?\\w|[^!]{2,4}!)+"));
    // Found by the fuzzer: counting the one later repeat over the same characters called it
    // n^2; the steps measured grow as n^5 (python3: 0.045 s at n=8, 7.9 s at n=16).
    row("a degree measured, not counted",
        QStringLiteral("b()S((?:(?(2)σ)*+(?<!K)(){1,2}|((?(2)a|)){,4}σ|\\Aßé)+?é?(?:|)"
                       "(?>(?>ς)Σ+|)){2}"),
        "polynomial", 5, QStringLiteral("(?:(?(2)σ)*+(?<!K)(){1,2}|((?(2)a|)){,4}σ|\\Aßé)+?"));
    row("twelve ambiguous iterations (.*a){12}", QStringLiteral("(.*a){12}"), "polynomial", 12,
        QStringLiteral("(.*a){12}"));
    row("two adjacent digit runs", QStringLiteral("\\d+\\d+$"), "polynomial", 2,
        QStringLiteral("\\d+"));
    row("three adjacent dot-stars", QStringLiteral(".*.*.*="), "polynomial", 3,
        QStringLiteral(".*"));
    // re.match is linear on these, re.search (which tries every start) is n^2: the e-mail
    // pattern on 'a' * n + ' ' took python3 0.6, 2.6 and 9.1 s at n = 5,000, 10,000, 20,000
    // (load 12). Atomic groups and possessive repeats cut the exponential match, not that.
    row("course e-mail", QStringLiteral("(\\w+)@(\\w+\\.\\w{2,})"), "polynomial", 2,
        QStringLiteral("\\w+"));
    row("course date", QStringLiteral("\\b(\\d{2}/\\d{2}/\\d{4})\\b"), "safe", 0, QString());
    row("course date unanchored", QStringLiteral("\\d{2}/\\d{2}/\\d{4}"), "safe", 0, QString());
    row("course word", QStringLiteral("gato"), "safe", 0, QString());
    row("atomic group cuts it", QStringLiteral("(?>a+)+$"), "polynomial", 2,
        QStringLiteral("(?>a+)+"));
    row("possessive repeat cuts it", QStringLiteral("(a++)+$"), "polynomial", 2,
        QStringLiteral("(a++)+"));
    row("one repeat then a literal", QStringLiteral("a+b"), "polynomial", 2,
        QStringLiteral("a+"));
    row("anchored digits", QStringLiteral("^\\d+$"), "safe", 0, QString());
    // CPython's parser turns the alternation into one set: nothing to choose between.
    row("alternatives that CPython makes a set", QStringLiteral("(\\w|\\d)+$"), "polynomial", 2,
        QStringLiteral("(\\w|\\d)+"));
    row("separated iterations", QStringLiteral("(\\d+,)*$"), "polynomial", 2,
        QStringLiteral("(\\d+,)*"));
    row("bounded repeats", QStringLiteral("\\d{1,5}\\d{1,5}$"), "safe", 0, QString());
    row("anchored e-mail", QStringLiteral("^(\\w+)@(\\w+\\.\\w{2,})$"), "safe", 0, QString());
    row("a repeat that matches anywhere", QStringLiteral("\\w+"), "safe", 0, QString());
    // Each \d+ is measured with every digit the pattern names: with the characters run over
    // counted, 60 million steps left it "unknown" (out of time) after 0.36 s of CPU.
    QStringList alternatives;
    for (int i = 0; i < 20; ++i) {
        alternatives << QStringLiteral("w%1\\d+x").arg(i);
    }
    row("twenty alternatives with a repeat each", alternatives.join(QLatin1Char('|')), "safe", 0,
        QString());
}

void tst_Redos::verdicts()
{
    QFETCH(QString, pattern);
    QFETCH(QString, verdict);
    QFETCH(int, degree);
    QFETCH(QString, span);
    re::Error error;
    const auto v = re::redos(pattern, 0, &error);
    QVERIFY2(v, qPrintable(error.message));
    const QJsonObject json = re::redosJson(*v);
    QCOMPARE(json.value(QStringLiteral("verdict")).toString(), verdict);
    QVERIFY(v->complete);
    if (verdict == QLatin1String("safe")) {
        QVERIFY(json.value(QStringLiteral("attack")).isNull());
        QVERIFY(json.value(QStringLiteral("span")).isNull());
        QVERIFY(json.value(QStringLiteral("degree")).isNull());
        return;
    }
    if (verdict == QLatin1String("polynomial")) {
        QCOMPARE(v->degree, degree);
    } else {
        QVERIFY(json.value(QStringLiteral("degree")).isNull());
    }
    QCOMPARE(pattern.mid(v->spanStart, v->spanEnd - v->spanStart), span);
}

void tst_Redos::attacksFailToMatchAndGrow_data()
{
    QTest::addColumn<QString>("pattern");
    for (const char *p : {"(a+)+$", "(a|aa)+$", "(\\w+\\s?)*$", "(.*a){12}", "\\d+\\d+$",
                          ".*.*.*=", "^(\\d+)*$", "(x+x+)+y", "(a|b|ab)*c"}) {
        QTest::newRow(p) << QString::fromLatin1(p);
    }
}

// The attack's text never matches (with the function it is for), and the steps measured grow:
// by a steady factor per pump for an exponential verdict, as n^degree for a polynomial one.
void tst_Redos::attacksFailToMatchAndGrow()
{
    QFETCH(QString, pattern);
    const auto v = re::redos(pattern, 0);
    QVERIFY(v);
    QVERIFY(v->kind != re::RedosVerdict::Kind::Safe);
    const auto regex = re::Regex::compile(pattern, 0);
    QVERIFY(regex);
    for (const int n : {1, 5, 13, 40}) {
        const re::Subject s(v->prefix + v->pump.repeated(n) + v->suffix);
        const auto m = v->function == QLatin1String("fullmatch") ? regex->fullmatch(s)
                                                                 : regex->match(s);
        QVERIFY2(!m, qPrintable(QStringLiteral("matched with n=%1").arg(n)));
    }
    QList<re::RedosVerdict::Point> measured;
    for (const re::RedosVerdict::Point &p : v->steps) {
        if (p.steps >= 0) {
            measured << p;
        }
    }
    QVERIFY(measured.size() >= 3);
    for (qsizetype i = 1; i < measured.size(); ++i) {
        QVERIFY(measured[i].n > measured[i - 1].n);
        QVERIFY(measured[i].steps > measured[i - 1].steps);
    }
    const auto &a = measured[measured.size() - 3];
    const auto &b = measured.last();
    if (v->kind == re::RedosVerdict::Kind::Exponential) {
        const double perPump = std::pow(double(b.steps) / double(a.steps), 1.0 / (b.n - a.n));
        QVERIFY2(perPump >= 1.3, qPrintable(QString::number(perPump)));
    } else {
        const double slope = std::log(double(b.steps) / double(a.steps))
            / std::log(double(b.n) / double(a.n));
        // A degree above 3 comes from the structure ((.*a){12}: twelve ambiguous iterations);
        // the texts measured are too short to show all of it, only a fast growth.
        const double least = v->degree > 3 ? 3.0 : v->degree - 0.5;
        QVERIFY2(slope >= least, qPrintable(QString::number(slope)));
    }
}

void tst_Redos::flagsChangeTheVerdict()
{
    // [a-z] and A overlap only under IGNORECASE. Without it only re.search, which runs
    // [a-z]+ from every start, grows (n^2).
    const QString pattern = QStringLiteral("(?:[a-z]+A+)+$");
    auto verdict = [&](int flags) -> QString {
        const QJsonObject o = re::redosJson(*re::redos(pattern, flags));
        return o.value(QStringLiteral("verdict")).toString() + QLatin1Char(' ')
            + o.value(QStringLiteral("function")).toString();
    };
    QCOMPARE(verdict(0), QStringLiteral("polynomial search"));
    QCOMPARE(verdict(re::IGNORECASE), QStringLiteral("exponential match"));
    // DOTALL lets .* cross the newline a suffix would stop it at; the verdict stays.
    QCOMPARE(re::redos(QStringLiteral(".*.*="), re::DOTALL)->degree, 2);
}

void tst_Redos::longIterationsAreNotMeasuredPastTheLongestText()
{
    // One iteration of 17,001 characters: no text with two of them is measured (32,768 at most).
    QString pattern = QStringLiteral("(?:");
    for (char c = 'a'; c <= 'q'; ++c) {
        pattern += QLatin1Char(c) + QStringLiteral("{1000}");
    }
    pattern += QStringLiteral("x+)+$");
    QElapsedTimer timer;
    timer.start();
    const auto v = re::redos(pattern, 0);
    QVERIFY(v);
    QCOMPARE(v->kind, re::RedosVerdict::Kind::Safe);
    QVERIFY(timer.elapsed() < 10000);
}

void tst_Redos::badPatternIsAnError()
{
    re::Error error;
    QVERIFY(!re::redos(QStringLiteral("(a+"), 0, &error));
    QCOMPARE(error.message, QStringLiteral("missing ), unterminated subpattern"));
    QCOMPARE(error.pos, 0);
}

void tst_Redos::cancelledAnalysisSaysSo()
{
    const std::atomic<bool> cancel{true};
    re::Error error;
    QVERIFY(!re::redos(QStringLiteral("(a+)+$"), 0, &error, &cancel));
    QCOMPARE(error.message, QStringLiteral("cancelled"));
    // Nothing to measure: no need to look at the flag.
    QVERIFY(re::redos(QStringLiteral("abc"), 0, &error, &cancel));
}

void tst_Redos::json()
{
    const QJsonObject o = re::redosJson(*re::redos(QStringLiteral("x(a+)+$"), 0));
    QCOMPARE(o.value(QStringLiteral("verdict")).toString(), QStringLiteral("exponential"));
    const QJsonObject attack = o.value(QStringLiteral("attack")).toObject();
    QCOMPARE(attack.value(QStringLiteral("prefix")).toString(), QStringLiteral("x"));
    QCOMPARE(attack.value(QStringLiteral("pump")).toString(), QStringLiteral("a"));
    QVERIFY(!attack.value(QStringLiteral("suffix")).toString().contains(QLatin1Char('a')));
    QCOMPARE(o.value(QStringLiteral("span")).toArray(), (QJsonArray{1, 6}));
    QCOMPARE(o.value(QStringLiteral("function")).toString(), QStringLiteral("match"));
    QVERIFY(o.value(QStringLiteral("complete")).toBool());
    const QJsonArray steps = o.value(QStringLiteral("steps")).toArray();
    QVERIFY(steps.size() >= 5);
    QCOMPARE(steps.first().toArray().size(), 2);
}

void tst_Redos::commandLine()
{
    const QString stdlab = QString::fromLocal8Bit(qgetenv("STDLAB_BINARY"));
    QVERIFY(!stdlab.isEmpty());
    QProcess p;
    p.start(stdlab,
            {QStringLiteral("regex"), QStringLiteral("redos"), QStringLiteral("\\d+\\d+$")});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 0);
    const QStringList lines = QString::fromUtf8(p.readAllStandardOutput()).split(QLatin1Char('\n'));
    QCOMPARE(lines.value(0), QStringLiteral("polynomial: the time to fail grows as n^2 for n "
                                            "repetitions of the pump"));
    QCOMPARE(lines.value(1), QStringLiteral("responsible part: \\d+ (characters 0 to 3)"));
    QVERIFY2(lines.value(2).startsWith(QStringLiteral("attack: re.match(pattern, '0' * n + ")),
             qPrintable(lines.value(2)));
    QVERIFY(lines.value(3).startsWith(QStringLiteral("steps measured: n=2: ")));

    p.start(stdlab, {QStringLiteral("regex"), QStringLiteral("redos"), QStringLiteral("A+A+"),
                     QStringLiteral("--flags"), QStringLiteral("i"), QStringLiteral("--json")});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 0);
    const QJsonObject o = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    QCOMPARE(o.value(QStringLiteral("verdict")).toString(), QStringLiteral("polynomial"));
    QCOMPARE(o.value(QStringLiteral("function")).toString(), QStringLiteral("fullmatch"));

    p.start(stdlab, {QStringLiteral("regex"), QStringLiteral("redos"), QStringLiteral("(a+)+$"),
                     QStringLiteral("--lang"), QStringLiteral("es")});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 0);
    const QString es = QString::fromUtf8(p.readAllStandardOutput());
    QVERIFY2(es.startsWith(QStringLiteral("exponencial: cada repetición del bombeo multiplica el "
                                          "tiempo en fallar\nparte responsable: (a+)+ "
                                          "(caracteres 0 a 5)\nataque: re.match(patrón, "
                                          "'a' * n + ")),
             qPrintable(es));

    p.start(stdlab, {QStringLiteral("regex"), QStringLiteral("redos"), QStringLiteral("gato")});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 0);
    QCOMPARE(QString::fromUtf8(p.readAllStandardOutput()),
             QStringLiteral("safe: no repeat of this pattern makes backtracking blow up\n"));

    p.start(stdlab, {QStringLiteral("regex"), QStringLiteral("redos"), QStringLiteral("a)")});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 1);
    QCOMPARE(QString::fromUtf8(p.readAllStandardError()),
             QStringLiteral("stdlab regex: bad pattern: unbalanced parenthesis at position 1\n"));
    QVERIFY(p.readAllStandardOutput().isEmpty());

    p.start(stdlab, {QStringLiteral("regex"), QStringLiteral("redos")});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 2);
    QVERIFY(p.readAllStandardOutput().isEmpty());
}

void tst_Redos::batchOp()
{
    const QString stdlab = QString::fromLocal8Bit(qgetenv("STDLAB_BINARY"));
    QProcess p;
    p.start(stdlab, {QStringLiteral("regex"), QStringLiteral("--batch")});
    QVERIFY(p.waitForStarted());
    p.write(R"({"id":1,"op":"redos","pattern":"(a|aa)+$","flags":""})"
            "\n"
            R"({"id":2,"op":"redos","pattern":"^\\d+$"})"
            "\n"
            R"({"id":3,"op":"redos","pattern":"(?P<x"})"
            "\n");
    p.closeWriteChannel();
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 0);
    const QList<QByteArray> lines = p.readAllStandardOutput().trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    auto field = [&](int i, const char *name) {
        return QJsonDocument::fromJson(lines[i]).object().value(QLatin1String(name)).toObject();
    };
    QCOMPARE(QJsonDocument::fromJson(lines[0]).object().value(QStringLiteral("id")).toInt(), 1);
    const QJsonObject r1 = field(0, "result");
    QCOMPARE(r1.value(QStringLiteral("verdict")).toString(), QStringLiteral("exponential"));
    QCOMPARE(r1.value(QStringLiteral("span")).toArray(), (QJsonArray{0, 7}));
    QCOMPARE(r1.value(QStringLiteral("attack")).toObject().value(QStringLiteral("pump")).toString(),
             QStringLiteral("a"));
    const QJsonObject r2 = field(1, "result");
    QCOMPARE(r2.value(QStringLiteral("verdict")).toString(), QStringLiteral("safe"));
    QVERIFY(r2.value(QStringLiteral("attack")).isNull());
    QCOMPARE(field(2, "error").value(QStringLiteral("message")).toString(),
             QStringLiteral("missing >, unterminated name"));
}

void tst_Redos::searchTriesEveryStart_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<int>("matchDegree");
    QTest::addColumn<int>("searchDegree");
    // python3, re.search on the attack: a*a*b 0.23 s, 1.9 s, 12.2 s at n = 1,000, 2,000,
    // 4,000 (n^3); \d+\d+$ 0.15 s, 1.2 s, 9.0 s at n = 500, 1,000, 2,000 (n^3). The verdict
    // said n^2 "(re.search too)": the degree of re.match.
    QTest::newRow("a*a*b") << QStringLiteral("a*a*b") << 2 << 3;
    QTest::newRow("\\d+\\d+$") << QStringLiteral("\\d+\\d+$") << 2 << 3;
    QTest::newRow(".*.*.*=") << QStringLiteral(".*.*.*=") << 3 << 4;
    // A literal first: every other start fails at once.
    QTest::newRow("x\\d+\\d+y") << QStringLiteral("x\\d+\\d+y") << 2 << 2;
}

void tst_Redos::searchTriesEveryStart()
{
    QFETCH(QString, pattern);
    QFETCH(int, matchDegree);
    QFETCH(int, searchDegree);
    const auto v = re::redos(pattern, 0);
    QVERIFY(v);
    const QJsonObject o = re::redosJson(*v);
    QCOMPARE(o.value(QStringLiteral("verdict")).toString(), QStringLiteral("polynomial"));
    QCOMPARE(o.value(QStringLiteral("function")).toString(), QStringLiteral("match"));
    QCOMPARE(o.value(QStringLiteral("degree")).toInt(), matchDegree);
    QCOMPARE(o.value(QStringLiteral("search_degree")).toInt(-1), searchDegree);
    const QString text = re::redosText(pattern, *v);
    QVERIFY2(text.contains(QStringLiteral("; re.search, which tries every start, grows as n^%1 "
                                          "on it\n")
                               .arg(searchDegree)),
             qPrintable(text));
    // A fullmatch attack has no search degree.
    const QJsonObject full = re::redosJson(*re::redos(QStringLiteral("(.*a){12}"), 0));
    QCOMPARE(full.value(QStringLiteral("function")).toString(), QStringLiteral("fullmatch"));
    QVERIFY(full.value(QStringLiteral("search_degree")).isNull());
}

void tst_Redos::searchOnlyBlowUps_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("span");
    // python3's re.search on 'a' * n (+ one character that fails): \w+@ 0.15, 0.84, 2.5 s at
    // n = 5,000, 10,000, 20,000; \d+$ 0.64, 2.6, 9.6 s; x\w+@ on 'xa' * n 0.6, 2.1, 8.0 s;
    // re.match is linear on all of them. These were "safe": only re.match was measured.
    QTest::newRow("\\w+@") << QStringLiteral("\\w+@") << QStringLiteral("\\w+");
    QTest::newRow("\\d+$") << QStringLiteral("\\d+$") << QStringLiteral("\\d+");
    QTest::newRow("[a-z]+\\d") << QStringLiteral("[a-z]+\\d") << QStringLiteral("[a-z]+");
    QTest::newRow("\\s+$") << QStringLiteral("\\s+$") << QStringLiteral("\\s+");
    // Every x starts a run of \w+ to the end: the pump is 'xa'.
    QTest::newRow("x\\w+@") << QStringLiteral("x\\w+@") << QStringLiteral("\\w+");
    QTest::newRow("(?=\\w+@)") << QStringLiteral("(?=\\w+@)") << QStringLiteral("\\w+");
    QTest::newRow("possessive \\w++@") << QStringLiteral("\\w++@") << QStringLiteral("\\w++");
    // Matches at the end only: 5.8 s at n = 20,000 (python3, load 12).
    QTest::newRow("(\\d+,)*$") << QStringLiteral("(\\d+,)*$") << QStringLiteral("(\\d+,)*");
    QTest::newRow("atomic (?>a+)+$") << QStringLiteral("(?>a+)+$") << QStringLiteral("(?>a+)+");
}

// re.match shows no growth; re.search does, with an attack that never matches.
void tst_Redos::searchOnlyBlowUps()
{
    QFETCH(QString, pattern);
    QFETCH(QString, span);
    const auto v = re::redos(pattern, 0);
    QVERIFY(v);
    const QJsonObject o = re::redosJson(*v);
    QCOMPARE(o.value(QStringLiteral("verdict")).toString(), QStringLiteral("polynomial"));
    QCOMPARE(o.value(QStringLiteral("function")).toString(), QStringLiteral("search"));
    QCOMPARE(o.value(QStringLiteral("degree")).toInt(), 2);
    QCOMPARE(o.value(QStringLiteral("search_degree")).toInt(), 2);
    QVERIFY(v->complete);
    QCOMPARE(pattern.mid(v->spanStart, v->spanEnd - v->spanStart), span);
    // No start before the suffix matches (a match may start there: (\d+,)*$ matches the
    // empty string at the end, after every other start failed).
    const auto regex = re::Regex::compile(pattern, 0);
    QVERIFY(regex);
    for (const int n : {1, 5, 13, 40, 200}) {
        const QString pumped = v->prefix + v->pump.repeated(n);
        const auto m = regex->search(re::Subject(pumped + v->suffix));
        const qsizetype at = m ? m->start(0) : -1;
        QVERIFY2(at < 0 || at >= pumped.size(),
                 qPrintable(QStringLiteral("matched at %1 with n=%2").arg(at).arg(n)));
    }
    // Doubling n multiplies the steps by about 4.
    QList<re::RedosVerdict::Point> measured;
    for (const re::RedosVerdict::Point &p : v->steps) {
        if (p.steps >= 0) {
            measured << p;
        }
    }
    QVERIFY(measured.size() >= 3);
    const auto &a = measured[measured.size() - 2];
    const auto &b = measured.last();
    const double slope =
        std::log(double(b.steps) / double(a.steps)) / std::log(double(b.n) / double(a.n));
    QVERIFY2(slope >= 1.7 && slope < 2.5, qPrintable(QString::number(slope)));
    const QString text = re::redosText(pattern, *v);
    QVERIFY2(text.startsWith(QStringLiteral("polynomial: the time to fail grows as n^2 for n "
                                            "repetitions of the pump\n")),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("\nattack: re.search(pattern, ")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral(") (findall, finditer, sub and split too), which tries "
                                          "every start; re.match showed no growth\n")),
             qPrintable(text));
}

void tst_Redos::unknownWhenTheAnalysisCannotConclude()
{
    // (a|aa){30}$ blows up by a constant, not with n: python3's re.match takes 0.11 s on
    // 'a' * 32 + '0' and 4.7 s on 'a' * 40 + '!', whatever comes after. Its verdict was
    // "safe" with complete: false.
    const QString pattern = QStringLiteral("(a|aa){30}$");
    const auto v = re::redos(pattern, 0);
    QVERIFY(v);
    QVERIFY(!v->complete);
    const QJsonObject o = re::redosJson(*v);
    QCOMPARE(o.value(QStringLiteral("verdict")).toString(), QStringLiteral("unknown"));
    QCOMPARE(o.value(QStringLiteral("reason")).toString(), QStringLiteral("step_budget"));
    QVERIFY(o.value(QStringLiteral("attack")).isNull());
    const QJsonObject heavy = o.value(QStringLiteral("heavy")).toObject();
    QCOMPARE(heavy.value(QStringLiteral("pump")).toString(), QStringLiteral("a"));
    QCOMPARE(heavy.value(QStringLiteral("span")).toArray(), (QJsonArray{0, 10}));
    const int n = heavy.value(QStringLiteral("n")).toInt();
    QVERIFY(n >= 2 && n <= 64);
    QCOMPARE(re::redosText(pattern, *v),
             QStringLiteral("unknown: no growth was confirmed, but the analysis is not "
                            "complete\nthe repeat (a|aa){30} (characters 0 to 10) takes more "
                            "than 1000000 steps already on 'a' * %1 + %2: a large constant or "
                            "a growth, not told apart\n")
                 .arg(n)
                 .arg(py::repr(heavy.value(QStringLiteral("suffix")).toString())));
    // A complete analysis is still "safe", without a reason.
    const QJsonObject safe = re::redosJson(*re::redos(QStringLiteral("^\\d+$"), 0));
    QCOMPARE(safe.value(QStringLiteral("verdict")).toString(), QStringLiteral("safe"));
    QVERIFY(safe.value(QStringLiteral("reason")).isNull());
    QVERIFY(safe.value(QStringLiteral("heavy")).isNull());
}

QTEST_GUILESS_MAIN(tst_Redos)
#include "tst_redos.moc"
