// `stdlab regex` as a process: human form (repr, caret errors, exit codes) and --batch.
#include "stdlabprocess.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

class tst_RegexCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void printsPythonRepr_data();
    void printsPythonRepr();
    void textFromFileAndStdin();
    void badPatternShowsCaret();
    void badTemplate();
    void runawayPatternStops();
    void usageErrors_data();
    void usageErrors();
    void batchAnswersEveryLineInOrder();
    void batchNulByteAndNestingGetOneAnswerEach();
    void endlessInputIsRefused();
    void deepNestingIsAnErrorNotACrash();
};

void tst_RegexCli::printsPythonRepr_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("findall tuples")
        << QStringList{"findall", R"((\w+)@(\w+\.\w{2,}))", "ana@correo.es y luis@uni.edu"}
        << QByteArray("[('ana', 'correo.es'), ('luis', 'uni.edu')]\n");
    QTest::newRow("search None") << QStringList{"search", "x", "abc"} << QByteArray("None\n");
    QTest::newRow("match object")
        << QStringList{"search", R"(\d{2}/\d{2}/\d{4})", "hoy 23/11/2026"}
        << QByteArray("<re.Match object; span=(4, 14), match='23/11/2026'>\n");
    QTest::newRow("sub with count")
        << QStringList{"sub", "gato", "gato gato", "--repl", "perro", "--count", "1"}
        << QByteArray("'perro gato'\n");
    QTest::newRow("subn") << QStringList{"subn", "a", "banana", "--repl", "o"}
                          << QByteArray("('bonono', 3)\n");
    QTest::newRow("split maxsplit") << QStringList{"split", ",", "a,b,c", "--maxsplit", "1"}
                                    << QByteArray("['a', 'b,c']\n");
    QTest::newRow("flags") << QStringList{"findall", "^gato", "Gato\ngato", "--flags", "im"}
                           << QByteArray("['Gato', 'gato']\n");
    QTest::newRow("finditer emoji offsets")
        << QStringList{"finditer", "b", "😀b"}
        << QByteArray("[<re.Match object; span=(1, 2), match='b'>]\n");
    QTest::newRow("U+FEFF starting an argument is kept")
        << QStringList{"sub", "a", "a", "--repl", QStringLiteral("\ufeffx")}
        << QByteArray("'\\ufeffx'\n");
    QTest::newRow("pos endpos") << QStringList{"search", "a$", "aab", "--endpos", "2"}
                                << QByteArray("<re.Match object; span=(1, 2), match='a'>\n");
}

void tst_RegexCli::printsPythonRepr()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, expected);
    const ProcessResult r = runStdlab(QStringList{"regex"} + args);
    QCOMPARE(r.err, QByteArray());
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, expected);
}

void tst_RegexCli::textFromFileAndStdin()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile f(dir.filePath("t.txt"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("uno 1\ndos 22\n");
    f.close();
    ProcessResult r = runStdlab({"regex", "findall", R"(\d+)", "--file", f.fileName()});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QByteArray("['1', '22']\n"));
    r = runStdlab({"regex", "findall", R"(\w+)", "-"}, "canción ñu");
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QByteArray("['canción', 'ñu']\n"));
    // As Python's open(F, encoding="utf-8").read() and sys.stdin.read(): universal newlines.
    QFile crlf(dir.filePath("crlf.txt"));
    QVERIFY(crlf.open(QIODevice::WriteOnly));
    crlf.write("uno\r\ndos\rtres\n");
    crlf.close();
    r = runStdlab({"regex", "findall", R"(\s)", "--file", crlf.fileName()});
    QCOMPARE(r.out, QByteArray("['\\n', '\\n', '\\n']\n"));
    r = runStdlab({"regex", "split", R"(\n)", "-"}, "a\r\nb");
    QCOMPARE(r.out, QByteArray("['a', 'b']\n"));
}

void tst_RegexCli::badPatternShowsCaret()
{
    const ProcessResult r = runStdlab({"regex", "search", "ab(cd", "x"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.out.isEmpty());
    QCOMPARE(r.err, QByteArray("stdlab regex: bad pattern: missing ), unterminated subpattern at "
                               "position 2\n  ab(cd\n    ^\n"));
}

void tst_RegexCli::badTemplate()
{
    const ProcessResult r = runStdlab({"regex", "sub", "(a)", "a", "--repl", R"(x\2)"});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.err, QByteArray("stdlab regex: bad replacement: invalid group reference 2 at "
                               "position 2\n  x\\2\n    ^\n"));
}

void tst_RegexCli::runawayPatternStops()
{
    QElapsedTimer timer;
    timer.start();
    const ProcessResult r =
        runStdlab({"regex", "match", "^(a+)+$", QString(30, QLatin1Char('a')) + "b"});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.err, QByteArray("stdlab regex: stopped: backtracking limit\n"));
    QVERIFY2(timer.elapsed() < 20000, qPrintable(QString::number(timer.elapsed())));
}

void tst_RegexCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("unknown function") << QStringList{"frob", "a", "b"}
                                      << QByteArray("unknown function 'frob'");
    QTest::newRow("missing text") << QStringList{"search", "a"} << QByteArray("expected TEXT");
    QTest::newRow("bad flag") << QStringList{"search", "a", "b", "--flags", "q"}
                              << QByteArray("unknown flag 'q'");
    QTest::newRow("sub without repl") << QStringList{"sub", "a", "b"}
                                      << QByteArray("sub needs --repl R");
}

void tst_RegexCli::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, expected);
    const ProcessResult r = runStdlab(QStringList{"regex"} + args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(expected), r.err.constData());
}

void tst_RegexCli::batchAnswersEveryLineInOrder()
{
    const QByteArray input =
        R"J({"id":1,"op":"findall","pattern":"(\\w+)@(\\w+)","text":"a@b c@d"})J" "\n"
        "not json\n"
        R"J({"id":"x","op":"search","pattern":"(","text":""})J" "\n"
        R"J({"id":3,"op":"match","pattern":"^(a+)+$","text":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaab"})J" "\n"
        R"J({"id":4,"op":"search","pattern":"(?P<n>b)|c","text":"😀b"})J" "\n"
        R"J({"id":5,"op":"subn","pattern":"a","text":"aa","repl":"\\g<0>!","count":1})J" "\n"
        R"J({"id":6,"op":"split","pattern":"(,)|;","text":"a,b;c"})J" "\n"
        R"J({"id":7,"op":"sub","pattern":"a","text":"a","repl":"\\g<x>"})J" "\n";
    const ProcessResult r = runStdlab({"regex", "--batch"}, input);
    QCOMPARE(r.exitCode, 0);
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 8);
    const QByteArray expected[] = {
        R"J({"id":1,"result":[["a","b"],["c","d"]]})J",
        "", // malformed: checked below
        R"J({"error":{"message":"missing ), unterminated subpattern","pos":0},"id":"x"})J",
        R"J({"error":{"limit":true,"message":"stopped: backtracking limit"},"id":3})J",
        R"J({"id":4,"result":{"groupdict":{"n":"b"},"groups":["b"],"span":[1,2],"spans":[[1,2]]}})J",
        R"J({"id":5,"result":["a!a",1]})J",
        R"J({"id":6,"result":["a",",","b",null,"c"]})J",
        R"J({"error":{"message":"unknown group name 'x'","pos":null},"id":7})J",
    };
    for (int i = 0; i < 8; ++i) {
        if (i == 1) {
            const QJsonObject o = QJsonDocument::fromJson(lines[i]).object();
            QVERIFY(o.value("id").isNull());
            QVERIFY(o.value("error").toObject().value("message").toString().startsWith("invalid JSON"));
            continue;
        }
        QCOMPARE(lines[i], expected[i]);
    }
}

void tst_RegexCli::batchNulByteAndNestingGetOneAnswerEach()
{
    // A raw NUL merged a line with the next (fgets + strlen): request 2 went unanswered.
    QByteArray input = R"J({"id":1,"op":"search","pattern":"a","text":"a)J";
    input += '\0';
    input += "\"}\n";
    input += R"J({"id":2,"op":"search","pattern":"b","text":"ab"})J" "\n";
    input += R"J({"id":3,"op":"search","pattern":")J" + QByteArray(12000, '(') + "a"
        + QByteArray(12000, ')') + R"J(","text":"a"})J" "\n";
    const ProcessResult r = runStdlab({"regex", "--batch"}, input);
    QCOMPARE(r.exitCode, 0);
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    QCOMPARE(QJsonDocument::fromJson(lines[0]).object().value("id").toInt(), 1);
    QCOMPARE(lines[1],
             QByteArray(R"J({"id":2,"result":{"groupdict":{},"groups":[],"span":[1,2],"spans":[]}})J"));
    QCOMPARE(lines[2], QByteArray(R"J({"error":{"message":"pattern nested too deeply","pos":null},"id":3})J"));
}

void tst_RegexCli::endlessInputIsRefused()
{
    // readAll() of /dev/zero ended in std::bad_alloc (an abort) once memory ran out.
    const ProcessResult r = runStdlab({"regex", "search", "a", "--file", "/dev/zero"});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.err, QByteArray("stdlab regex: cannot read /dev/zero: the text is larger than "
                               "256 MiB, the most stdlab regex reads\n"));
}

void tst_RegexCli::deepNestingIsAnErrorNotACrash()
{
    // 12,000 levels of ( overflowed the parser's stack (SIGSEGV).
    const QString pattern = QString(12000, QLatin1Char('(')) + QLatin1Char('a') + QString(12000, QLatin1Char(')'));
    const ProcessResult r = runStdlab({"regex", "search", pattern, "a"});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.err, QByteArray("stdlab regex: bad pattern: pattern nested too deeply\n"));
}

QTEST_GUILESS_MAIN(tst_RegexCli)
#include "tst_regexcli.moc"
