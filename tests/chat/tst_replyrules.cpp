// The rules server mode's rules: first whole-line match wins, replies expanded as Python's
// Match.expand, Python's own messages for a bad pattern or template, the --rule syntax.
#include "chat/replyrules.h"

#include <QtTest>

using namespace stdlab::chat;

class tst_ReplyRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void answers_data();
    void answers();
    void badRuleIsRefusedWithPythonsMessage_data();
    void badRuleIsRefusedWithPythonsMessage();
    void ruleSpecSplitsAtTheFirstArrow();
    void backtrackingLimitSkipsTheRuleAndSaysSo();
};

namespace {

const QList<ReplyRule> kRules = {
    {QStringLiteral("hola|buenas"), QStringLiteral("¡hola!")},
    {QStringLiteral("(?P<a>\\d+)\\+(?P<b>\\d+)"), QStringLiteral("\\g<a> más \\g<b> (\\g<0>)")},
    {QStringLiteral("(\\w+) (\\w+)"), QStringLiteral("\\2 \\1")},
    {QStringLiteral("(?i)ADIÓS"), QStringLiteral("hasta luego\\n¡vuelve!")},
    {QStringLiteral(".*"), QStringLiteral("never: the rule above matched first")},
};

} // namespace

void tst_ReplyRules::answers_data()
{
    QTest::addColumn<bool>("withDefault");
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("reply"); // "<none>": no reply
    QTest::addColumn<int>("rule");
    QTest::newRow("first rule") << false << "hola" << "¡hola!" << 0;
    QTest::newRow("alternation") << false << "buenas" << "¡hola!" << 0;
    QTest::newRow("whole line only") << false << "hola!" << "never: the rule above matched first"
                                     << 4;
    QTest::newRow("named groups and \\g<0>") << false << "12+30" << "12 más 30 (12+30)" << 1;
    QTest::newRow("numbered groups") << false << "uno dos" << "dos uno" << 2;
    QTest::newRow("inline flag, escape in the reply") << false << "adiós" << "hasta luego\n¡vuelve!"
                                                      << 3;
    QTest::newRow("last rule catches the rest") << false << "¿qué?"
                                                << "never: the rule above matched first" << 4;
}

void tst_ReplyRules::answers()
{
    QFETCH(bool, withDefault);
    QFETCH(QString, line);
    QFETCH(QString, reply);
    QFETCH(int, rule);
    QString error;
    const auto rules = ReplyRules::compile(kRules, withDefault ? std::optional<QString>(
                                                                     QStringLiteral("no entiendo"))
                                                               : std::nullopt,
                                           &error);
    QVERIFY2(rules, qPrintable(error));
    const ReplyRules::Answer a = rules->answer(line);
    QCOMPARE(a.rule, rule);
    QCOMPARE(a.reply.value_or(QStringLiteral("<none>")), reply);
    QVERIFY(a.error.isEmpty());

    // Without a catch-all rule: the default, or no reply at all.
    const auto some = ReplyRules::compile(kRules.first(2), std::nullopt, &error);
    QVERIFY(some);
    QVERIFY(!some->answer(QStringLiteral("nada")).reply.has_value());
    QCOMPARE(some->answer(QStringLiteral("nada")).rule, -1);
    const auto fallback = ReplyRules::compile(kRules.first(2), QStringLiteral("no entiendo \\1"),
                                              &error);
    QVERIFY(fallback);
    // The default is plain text (Python's `return DEFAULT`), not a template.
    QCOMPARE(fallback->answer(QStringLiteral("nada")).reply, QStringLiteral("no entiendo \\1"));
    QCOMPARE(fallback->rules(), kRules.first(2));
}

void tst_ReplyRules::badRuleIsRefusedWithPythonsMessage_data()
{
    // str() of what python3.11 raises: re.compile(pattern), then match.expand(reply).
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("reply");
    QTest::addColumn<QString>("message");
    QTest::newRow("unbalanced") << "(a" << "x"
                                << "rule 2: missing ), unterminated subpattern at position 0";
    QTest::newRow("bad repeat") << "a{2,1}" << "x"
                                << "rule 2: min repeat greater than max repeat at position 2";
    QTest::newRow("no such group") << "a" << "\\2"
                                   << "rule 2: invalid group reference 2 at position 1";
    QTest::newRow("unknown name (IndexError)") << "(?P<n>a)" << "\\g<m>"
                                               << "rule 2: unknown group name 'm'";
    QTest::newRow("bad escape") << "a" << "\\q" << "rule 2: bad escape \\q at position 0";
    QTest::newRow("unterminated name") << "(?P<n>a)" << "\\g<n"
                                       << "rule 2: missing >, unterminated name at position 3";
}

void tst_ReplyRules::badRuleIsRefusedWithPythonsMessage()
{
    QFETCH(QString, pattern);
    QFETCH(QString, reply);
    QFETCH(QString, message);
    QString error;
    const auto rules = ReplyRules::compile({kRules.first(), {pattern, reply}}, std::nullopt, &error);
    QVERIFY(!rules);
    QCOMPARE(error, message);
}

void tst_ReplyRules::ruleSpecSplitsAtTheFirstArrow()
{
    QCOMPARE(parseRuleSpec(QStringLiteral("hola=>¡hola!")),
             (ReplyRule{QStringLiteral("hola"), QStringLiteral("¡hola!")}));
    QCOMPARE(parseRuleSpec(QStringLiteral("a=>b=>c")),
             (ReplyRule{QStringLiteral("a"), QStringLiteral("b=>c")}));
    QCOMPARE(parseRuleSpec(QStringLiteral("=>")), (ReplyRule{QString(), QString()}));
    QVERIFY(!parseRuleSpec(QStringLiteral("hola -> adiós")).has_value());
}

void tst_ReplyRules::backtrackingLimitSkipsTheRuleAndSaysSo()
{
    // Python would compute for ages; a server must answer: the rule is skipped, with the reason.
    QString error;
    const auto rules = ReplyRules::compile(
        {{QStringLiteral("(a|a)*[^a]"), QStringLiteral("nunca")},
         {QStringLiteral("a+"), QStringLiteral("muchas aes")}},
        std::nullopt, &error);
    QVERIFY2(rules, qPrintable(error));
    const ReplyRules::Answer a = rules->answer(QString(40, QLatin1Char('a')));
    QCOMPARE(a.rule, 1);
    QCOMPARE(a.reply, QStringLiteral("muchas aes"));
    QVERIFY2(a.error.startsWith(QLatin1String("rule 1: ")), qPrintable(a.error));
}

QTEST_GUILESS_MAIN(tst_ReplyRules)
#include "tst_replyrules.moc"
