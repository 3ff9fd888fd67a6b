#pragma once

#include "learn/lesson.h"

#include <QDir>
#include <QJsonArray>
#include <QList>
#include <QString>

namespace stdlab::date {
class DateModel;
}

/**
 * The checkers of the course's exercises: pure functions from an exercise and what the learner
 * did (a pattern, the Dates model, the sandbox on disk, the Chat session's events) to a result.
 * Results carry a code and the values involved; only the Course dock turns them into words.
 */
namespace stdlab::learn {

struct CheckResult
{
    enum class Problem {
        None,
        EmptyAnswer, ///< nothing to check yet (no pattern typed)
        PatternError, ///< the pattern does not compile (actual = Python's message)
        ReplacementError, ///< the replacement template is wrong (actual = the message)
        SampleMismatch, ///< a hidden sample gave another value (subject = the sample)
        WrongSection, ///< Dates: another section is open (expected = its id)
        ValueMismatch, ///< Dates: a result or input differs (subject = its key)
        MissingFolder, ///< Files: subject (relative to the sandbox) is not there
        NotAFolder, ///< Files: subject is there but is not a folder
        MissingFile,
        NotAFile,
        ContentMismatch, ///< Files: subject's content differs
        StillThere, ///< Files: subject should be gone
        NoServer, ///< Chat: no server of the kind asked was started
        NoClient, ///< Chat: no client connected / sent anything
        NotSent, ///< Chat: expected was never sent
        NotReceived, ///< Chat: expected never arrived
    };

    Problem problem = Problem::None;
    QString subject;
    QString expected;
    QString actual;
    LocalizedText why; ///< the sample's own explanation (tricky samples say why they are so)
    int failed = 0; ///< samples that failed (of total)
    int total = 0;

    bool passed() const { return problem == Problem::None; }
};

/** What the learner gave the Regex tab. */
struct RegexAnswer
{
    QString pattern;
    QString replacement;
    int flags = 0;
};

/// Runs the exercise's function with @p answer on each hidden sample; the first sample whose
/// value differs is reported (with how many failed in all).
CheckResult checkRegex(const Exercise &exercise, const RegexAnswer &answer);
/// The value of one sample as Python prints it: findall/sub/split's repr, "True"/"False"
/// for search and fullmatch (was there a match?), the spans of finditer.
QString regexSampleValue(const QString &function, const RegexAnswer &answer, const QString &text,
                         CheckResult *error = nullptr);

/// Compares the model's section, results and zones with the exercise's.
CheckResult checkDate(const Exercise &exercise, const stdlab::date::DateModel &model);

/// Looks at the sandbox folder @p root: "dirs" and "files" must be there, "absent" gone.
CheckResult checkFiles(const Exercise &exercise, const QDir &root);

/** What a Chat session did, in the terms the exercises speak of. */
struct ChatRecord
{
    enum class Kind { Listening, Connected, Received, Sent, Disconnected };
    Kind kind = Kind::Listening;
    bool server = true; ///< the session was a server (else a client)
    QString protocol; ///< "tcp" or "udp"
    QString mode; ///< the server's mode ("greet", "echo", ...); "" for a client
    QString text; ///< Received / Sent: the message, without its final newline
};
using ChatTrace = QList<ChatRecord>;

CheckResult checkChat(const Exercise &exercise, const ChatTrace &trace);
/// [{"kind": "listening"|"connected"|"received"|"sent"|"disconnected", "server": true,
///   "protocol": "tcp", "mode": "greet", "text": "..."}] (a chat exercise's "answer").
ChatTrace chatTraceFromJson(const QJsonArray &records);

} // namespace stdlab::learn
