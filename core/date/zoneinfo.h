#pragma once

#include "date/pydatetime.h"

#include <QStringList>
#include <QVector>

#include <memory>

namespace stdlab::date {

/**
 * Python's zoneinfo.ZoneInfo, ported: reads the system TZif files and answers utcoffset, dst,
 * tzname and fromutc exactly as CPython's zoneinfo does (folds, gaps, POSIX TZ string rules
 * after the last transition). Immutable once loaded; shared through a cache per key.
 */
class ZoneInfo
{
public:
    struct TtInfo
    {
        qint64 utcoff = 0; ///< seconds
        qint64 dstoff = 0; ///< seconds
        QString abbr;
    };

    /// ZoneInfo(key): cached; fails with Python's message for unknown or invalid keys.
    static Expected<std::shared_ptr<const ZoneInfo>> load(const QString &key);
    /// zoneinfo.available_timezones(), sorted.
    static QStringList availableTimeZones();
    /// What a person typed for a zone, as a key ZoneInfo() accepts: @p text itself when it is
    /// one; else the one zone whose key, or last part, matches it ignoring case, with spaces
    /// for underscores ("madrid" -> "Europe/Madrid", "new york" -> "America/New_York"); else
    /// @p text unchanged.
    static QString resolveKey(const QString &text);
    /// Up to @p max zones whose key contains @p text (ignoring case), for a "did you mean".
    static QStringList suggestKeys(const QString &text, int max = 3);
    /// The IANA key of the system's local zone (TZ or /etc/localtime), "UTC" if unknown.
    static QString localKey();

    QString key() const { return m_key; }
    /// utcoffset/dst/tzname of a wall time (local seconds since 1970, fold 0/1, its year).
    const TtInfo &find(qint64 localTs, int year, int fold) const;
    /// fromutc(): the info and the fold for a UTC timestamp (seconds), year of the UTC time.
    std::pair<const TtInfo *, int> fromUtc(qint64 utcTs, int year) const;

private:
    struct Rule
    {
        enum Kind { Julian, Day, Calendar };
        Kind kind = Calendar;
        int d = 0, m = 0, w = 0;
        qint64 seconds = 7200;
        qint64 yearToEpoch(int year) const;
    };
    bool parse(const QByteArray &data, QString *error);
    bool parseTzString(const QString &tz);
    const TtInfo &tzStrInfo(qint64 ts, int year, int fold) const;
    std::pair<const TtInfo *, int> tzStrFromUtc(qint64 ts, int year) const;

    QString m_key;
    QVector<qint64> m_transUtc;
    QVector<qint64> m_transLocal[2];
    QVector<int> m_transIdx; ///< ttinfo index per transition
    QVector<TtInfo> m_ttinfos; ///< the file's types
    int m_ttiBefore = -1;
    // After the last transition: a fixed ttinfo or a POSIX rule.
    bool m_afterIsRule = false;
    TtInfo m_afterFixed;
    TtInfo m_std, m_dst;
    qint64 m_dstDiff = 0;
    Rule m_start, m_end;
};

} // namespace stdlab::date
