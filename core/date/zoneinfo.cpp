#include "date/zoneinfo.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QRegularExpression>
#include <QtEndian>

#include <algorithm>

namespace stdlab::date {

namespace {

// CPython's default TZPATH on Debian.
const char *const kTzPath[] = {"/usr/share/zoneinfo", "/usr/lib/zoneinfo",
                               "/usr/share/lib/zoneinfo", "/etc/zoneinfo"};

qint64 postEpochDaysBeforeYear(int year)
{
    const qint64 y = year - 1;
    return y * 365 + y / 4 - y / 100 + y / 400 - kEpochOrdinal;
}

// QDir::cleanPath is close to os.path.normpath for the relative keys that matter here.
QString normpath(const QString &path)
{
    if (path.isEmpty()) {
        return QStringLiteral(".");
    }
    QString p = QDir::cleanPath(path);
    return p;
}

std::optional<qint64> parseTzDelta(const QString &s, bool *ok)
{
    static const QRegularExpression re(
        QStringLiteral("^(?<sign>[+-])?(?<h>\\d{1,2})(:(?<m>\\d{2})(:(?<s>\\d{2}))?)?"));
    const auto m = re.match(s);
    *ok = m.hasMatch();
    if (!*ok) {
        return std::nullopt;
    }
    const qint64 total = m.captured(u"h").toLongLong() * 3600 + m.captured(u"m").toLongLong() * 60
        + m.captured(u"s").toLongLong();
    if (total <= -86400 || total >= 86400) {
        *ok = false;
        return std::nullopt;
    }
    // POSIX: "+5" is five hours west, an offset of -5h.
    return m.captured(u"sign") != QLatin1String("-") ? -total : total;
}

} // namespace

qint64 ZoneInfo::Rule::yearToEpoch(int year) const
{
    if (kind == Calendar) {
        const int firstWeekday = int((ymdToOrdinal(year, m, 1) + 6) % 7); // Monday = 0
        const int dim = daysInMonth(year, m);
        int monthDay = ((d - (firstWeekday + 1)) % 7 + 7) % 7 + 1;
        monthDay += (w - 1) * 7;
        if (monthDay > dim) {
            monthDay -= 7;
        }
        static const int before[] = {-1, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
        const qint64 ordinal = postEpochDaysBeforeYear(year) + before[m]
            + (m > 2 && isLeap(year) ? 1 : 0) + monthDay;
        return ordinal * 86400 + seconds;
    }
    qint64 day = d;
    if (kind == Julian && day >= 59 && isLeap(year)) {
        ++day;
    }
    return (postEpochDaysBeforeYear(year) + day) * 86400 + seconds;
}

Expected<std::shared_ptr<const ZoneInfo>> ZoneInfo::load(const QString &key)
{
    static QMutex mutex;
    static QHash<QString, std::shared_ptr<const ZoneInfo>> cache;
    {
        QMutexLocker lock(&mutex);
        const auto it = cache.constFind(key);
        if (it != cache.constEnd()) {
            return *it;
        }
    }
    if (key.startsWith(QLatin1Char('/'))) {
        return Fail{QStringLiteral("ZoneInfo keys may not be absolute paths, got: %1").arg(key)};
    }
    const QString normalized = normpath(key);
    if (normalized.size() != key.size()) {
        return Fail{
            QStringLiteral("ZoneInfo keys must be normalized relative paths, got: %1").arg(key)};
    }
    if (normalized == QLatin1String("..") || normalized.startsWith(QLatin1String("../"))) {
        return Fail{
            QStringLiteral("ZoneInfo keys must refer to subdirectories of TZPATH, got: %1")
                .arg(key)};
    }
    QString path;
    for (const char *dir : kTzPath) {
        const QString candidate = QLatin1String(dir) + QLatin1Char('/') + key;
        if (QFileInfo(candidate).isFile()) {
            path = candidate;
            break;
        }
    }
    if (path.isEmpty()) {
        return Fail{QStringLiteral("No time zone found with key %1").arg(key)};
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Fail{QStringLiteral("No time zone found with key %1").arg(key)};
    }
    auto zone = std::make_shared<ZoneInfo>();
    zone->m_key = key;
    QString error;
    if (!zone->parse(file.readAll(), &error)) {
        return Fail{error};
    }
    QMutexLocker lock(&mutex);
    std::shared_ptr<const ZoneInfo> shared = zone;
    cache.insert(key, shared);
    return shared;
}

QString ZoneInfo::resolveKey(const QString &text)
{
    if (text.isEmpty()) {
        return text;
    }
    for (const char *dir : kTzPath) {
        if (QFileInfo(QLatin1String(dir) + QLatin1Char('/') + text).isFile()) {
            return text;
        }
    }
    const QString wanted = QString(text).replace(QLatin1Char(' '), QLatin1Char('_'));
    const QStringList &zones = availableTimeZones();
    for (const QString &zone : zones) {
        if (zone.compare(wanted, Qt::CaseInsensitive) == 0) {
            return zone;
        }
    }
    QString found;
    for (const QString &zone : zones) {
        if (zone.section(QLatin1Char('/'), -1).compare(wanted, Qt::CaseInsensitive) == 0) {
            if (!found.isEmpty()) {
                return text; // two zones end so: the user has to say which
            }
            found = zone;
        }
    }
    return found.isEmpty() ? text : found;
}

QStringList ZoneInfo::suggestKeys(const QString &text, int max)
{
    QStringList result;
    const QString wanted = QString(text).replace(QLatin1Char(' '), QLatin1Char('_'));
    if (wanted.isEmpty()) {
        return result;
    }
    for (const QString &zone : availableTimeZones()) {
        if (zone.contains(wanted, Qt::CaseInsensitive)) {
            result << zone;
            if (result.size() == max) {
                break;
            }
        }
    }
    return result;
}

QStringList ZoneInfo::availableTimeZones()
{
    static const QStringList zones = [] {
        QStringList result;
        const QString base = QLatin1String(kTzPath[0]);
        QDirIterator it(base, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const QString key = path.mid(base.size() + 1);
            if (key.startsWith(QLatin1String("posix/")) || key.startsWith(QLatin1String("right/"))
                || key == QLatin1String("posixrules") || key == QLatin1String("localtime")
                || key == QLatin1String("Factory")) {
                continue;
            }
            QFile f(path);
            if (f.open(QIODevice::ReadOnly) && f.read(4) == "TZif") {
                result << key;
            }
        }
        result.sort();
        return result;
    }();
    return zones;
}

QString ZoneInfo::localKey()
{
    QString tz = qEnvironmentVariable("TZ");
    if (tz.startsWith(QLatin1Char(':'))) {
        tz = tz.mid(1);
    }
    if (!tz.isEmpty() && load(tz).ok()) {
        return tz;
    }
    const QString target = QFileInfo(QStringLiteral("/etc/localtime")).symLinkTarget();
    const qsizetype pos = target.indexOf(QLatin1String("zoneinfo/"));
    if (pos >= 0) {
        const QString key = target.mid(pos + 9);
        if (load(key).ok()) {
            return key;
        }
    }
    QFile timezoneFile(QStringLiteral("/etc/timezone"));
    if (timezoneFile.open(QIODevice::ReadOnly)) {
        const QString key = QString::fromUtf8(timezoneFile.readAll()).trimmed();
        if (load(key).ok()) {
            return key;
        }
    }
    return QStringLiteral("UTC");
}

bool ZoneInfo::parse(const QByteArray &data, QString *error)
{
    const auto *p = reinterpret_cast<const uchar *>(data.constData());
    const qsizetype size = data.size();
    qsizetype pos = 0;
    struct Header
    {
        int version = 0;
        qint32 isutcnt = 0, isstdcnt = 0, leapcnt = 0, timecnt = 0, typecnt = 0, charcnt = 0;
    };
    auto readHeader = [&](Header *h) {
        if (pos + 44 > size || data.mid(pos, 4) != "TZif") {
            *error = QStringLiteral("Invalid TZif file: magic not found");
            return false;
        }
        const char v = data.at(pos + 4);
        h->version = v == 0 ? 1 : v - '0';
        qint32 *fields[] = {&h->isutcnt, &h->isstdcnt, &h->leapcnt,
                            &h->timecnt, &h->typecnt,  &h->charcnt};
        for (int i = 0; i < 6; ++i) {
            *fields[i] = qFromBigEndian<qint32>(p + pos + 20 + 4 * i);
            if (*fields[i] < 0) {
                *error = QStringLiteral("Invalid TZif file");
                return false;
            }
        }
        pos += 44;
        return true;
    };
    Header h;
    if (!readHeader(&h)) {
        return false;
    }
    int timeSize = 4;
    if (h.version >= 2) {
        pos += qsizetype(h.timecnt) * 5 + qsizetype(h.typecnt) * 6 + h.charcnt
            + qsizetype(h.leapcnt) * 8 + h.isstdcnt + h.isutcnt;
        if (!readHeader(&h)) {
            return false;
        }
        timeSize = 8;
    }
    const qsizetype need = qsizetype(h.timecnt) * (timeSize + 1) + qsizetype(h.typecnt) * 6
        + h.charcnt;
    if (pos + need > size) {
        *error = QStringLiteral("Invalid TZif file: truncated");
        return false;
    }
    QVector<qint64> transUtc;
    for (int i = 0; i < h.timecnt; ++i) {
        transUtc << (timeSize == 8 ? qFromBigEndian<qint64>(p + pos)
                                   : qint64(qFromBigEndian<qint32>(p + pos)));
        pos += timeSize;
    }
    QVector<int> transIdx;
    for (int i = 0; i < h.timecnt; ++i) {
        transIdx << p[pos++];
    }
    QVector<qint64> utcoff;
    QVector<bool> isdst;
    QVector<int> abbrind;
    for (int i = 0; i < h.typecnt; ++i) {
        utcoff << qFromBigEndian<qint32>(p + pos);
        isdst << (p[pos + 4] != 0);
        abbrind << p[pos + 5];
        pos += 6;
    }
    const QByteArray chars = data.mid(pos, h.charcnt);
    pos += h.charcnt;
    for (int idx : transIdx) {
        if (idx >= h.typecnt) {
            *error = QStringLiteral("Invalid TZif file");
            return false;
        }
    }
    QString tzString;
    if (h.version >= 2) {
        pos += h.isutcnt + h.isstdcnt + qsizetype(h.leapcnt) * 12;
        if (pos < size && data.at(pos) == '\n') {
            ++pos;
            const qsizetype end = data.indexOf('\n', pos);
            if (end > pos) {
                tzString = QString::fromLatin1(data.mid(pos, end - pos));
            }
        }
    }

    // _utcoff_to_dstoff
    const int typecnt = h.typecnt;
    QVector<qint64> dstoffs(typecnt, 0);
    const int dstCount = int(std::count(isdst.begin(), isdst.end(), true));
    int dstFound = 0;
    bool broke = false;
    for (int i = 1; i < transIdx.size(); ++i) {
        if (dstCount == dstFound) {
            broke = true;
            break;
        }
        const int idx = transIdx[i];
        if (!isdst[idx] || dstoffs[idx] != 0) {
            continue;
        }
        qint64 dstoff = 0;
        const qint64 off = utcoff[idx];
        int comp = transIdx[i - 1];
        if (!isdst[comp]) {
            dstoff = off - utcoff[comp];
        }
        if (dstoff == 0 && idx < typecnt - 1) {
            if (i + 1 >= transIdx.size()) {
                continue; // Python would raise IndexError here; no real file reaches it
            }
            comp = transIdx[i + 1];
            if (isdst[comp]) {
                continue;
            }
            dstoff = off - utcoff[comp];
        }
        if (dstoff != 0) {
            ++dstFound;
            dstoffs[idx] = dstoff;
        }
    }
    if (!broke) {
        for (int idx = 0; idx < typecnt; ++idx) {
            if (dstoffs[idx] == 0 && isdst[idx]) {
                dstoffs[idx] = 3600;
            }
        }
    }

    // _ts_to_local
    m_transLocal[0] = transUtc;
    m_transLocal[1] = transUtc;
    if (!transUtc.isEmpty()) {
        qint64 off0 = utcoff.value(0);
        qint64 off1 = off0;
        if (utcoff.size() > 1) {
            off1 = utcoff[transIdx[0]];
            if (off1 > off0) {
                std::swap(off0, off1);
            }
        }
        m_transLocal[0][0] += off0;
        m_transLocal[1][0] += off1;
        for (int i = 1; i < transIdx.size(); ++i) {
            off0 = utcoff[transIdx[i - 1]];
            off1 = utcoff[transIdx[i]];
            if (off1 > off0) {
                std::swap(off0, off1);
            }
            m_transLocal[0][i] += off0;
            m_transLocal[1][i] += off1;
        }
    }

    for (int i = 0; i < typecnt; ++i) {
        const int start = abbrind[i];
        const qsizetype end = chars.indexOf('\0', start);
        m_ttinfos << TtInfo{utcoff[i], dstoffs[i],
                            QString::fromUtf8(chars.mid(start, end < 0 ? -1 : end - start))};
    }
    m_transUtc = transUtc;
    m_transIdx = transIdx;

    m_ttiBefore = -1;
    for (int i = 0; i < isdst.size(); ++i) {
        if (!isdst[i]) {
            m_ttiBefore = i;
            break;
        }
    }
    if (m_ttiBefore < 0 && !m_transIdx.isEmpty()) {
        m_ttiBefore = m_transIdx[0];
    }

    if (!tzString.isEmpty()) {
        if (!parseTzString(tzString)) {
            *error = QStringLiteral("%1 is not a valid TZ string").arg(tzString);
            return false;
        }
    } else {
        if (m_ttinfos.isEmpty()) {
            *error = QStringLiteral("No time zone information found.");
            return false;
        }
        m_afterIsRule = false;
        m_afterFixed = m_transIdx.isEmpty() ? m_ttinfos.back() : m_ttinfos[m_transIdx.back()];
    }
    if (m_ttiBefore < 0) {
        m_ttinfos << m_afterFixed;
        m_ttiBefore = int(m_ttinfos.size()) - 1;
    }
    return true;
}

bool ZoneInfo::parseTzString(const QString &tz)
{
    const qsizetype comma = tz.indexOf(QLatin1Char(','));
    const QString offsetStr = comma < 0 ? tz : tz.left(comma);
    static const QRegularExpression re(QStringLiteral(
        "^(?<std>[^<0-9:.+-]+|<[a-zA-Z0-9+\\-]+>)"
        "((?<stdoff>[+-]?\\d{1,2}(:\\d{2}(:\\d{2})?)?)"
        "((?<dst>[^0-9:.+-]+|<[a-zA-Z0-9+\\-]+>)"
        "((?<dstoff>[+-]?\\d{1,2}(:\\d{2}(:\\d{2})?)?))?"
        ")?"
        ")?$"));
    const auto m = re.match(offsetStr);
    if (!m.hasMatch()) {
        return false;
    }
    auto strip = [](QString s) {
        while (s.startsWith(QLatin1Char('<'))) {
            s.remove(0, 1);
        }
        while (s.endsWith(QLatin1Char('>'))) {
            s.chop(1);
        }
        return s;
    };
    const QString stdAbbr = strip(m.captured(u"std"));
    const QString dstAbbr = m.hasCaptured(u"dst") ? strip(m.captured(u"dst")) : QString();
    bool ok = true;
    qint64 stdOffset = 0;
    if (!m.captured(u"stdoff").isEmpty()) {
        stdOffset = parseTzDelta(m.captured(u"stdoff"), &ok).value_or(0);
        if (!ok) {
            return false;
        }
    }
    if (!m.hasCaptured(u"dst") || m.captured(u"dst").isEmpty()) {
        if (comma >= 0) {
            return false;
        }
        m_afterIsRule = false;
        m_afterFixed = TtInfo{stdOffset, 0, stdAbbr};
        return true;
    }
    qint64 dstOffset = stdOffset + 3600;
    if (!m.captured(u"dstoff").isEmpty()) {
        dstOffset = parseTzDelta(m.captured(u"dstoff"), &ok).value_or(0);
        if (!ok) {
            return false;
        }
    }
    if (comma < 0) {
        return false;
    }
    const QStringList rules = tz.mid(comma + 1).split(QLatin1Char(','));
    if (rules.size() != 2) {
        return false;
    }
    Rule parsed[2];
    for (int i = 0; i < 2; ++i) {
        const QStringList parts = rules[i].split(QLatin1Char('/'));
        const QString date = parts[0];
        Rule &r = parsed[i];
        if (date.startsWith(QLatin1Char('M'))) {
            static const QRegularExpression mre(QStringLiteral("^M(\\d{1,2})\\.(\\d).(\\d)$"));
            const auto mm = mre.match(date);
            if (!mm.hasMatch()) {
                return false;
            }
            r.kind = Rule::Calendar;
            r.m = mm.captured(1).toInt();
            r.w = mm.captured(2).toInt();
            r.d = mm.captured(3).toInt();
            if (r.m < 1 || r.m > 12 || r.w < 1 || r.w > 5 || r.d < 0 || r.d > 6) {
                return false;
            }
        } else {
            QString n = date;
            r.kind = Rule::Day;
            if (n.startsWith(QLatin1Char('J'))) {
                r.kind = Rule::Julian;
                n = n.mid(1);
            }
            r.d = n.toInt(&ok);
            if (!ok || r.d < (r.kind == Rule::Julian ? 1 : 0) || r.d > 365) {
                return false;
            }
        }
        r.seconds = 7200;
        if (parts.size() > 1) {
            // Hours may be negative or above 24 in TZif v3 strings (e.g. "M3.5.0/-2").
            const QStringList hms = parts[1].split(QLatin1Char(':'));
            qint64 comps[3] = {0, 0, 0};
            for (int k = 0; k < hms.size() && k < 3; ++k) {
                comps[k] = hms[k].toLongLong(&ok);
                if (!ok) {
                    return false;
                }
            }
            r.seconds = comps[0] * 3600 + comps[1] * 60 + comps[2];
        }
    }
    m_afterIsRule = true;
    m_dstDiff = dstOffset - stdOffset;
    m_std = TtInfo{stdOffset, 0, stdAbbr};
    m_dst = TtInfo{dstOffset, m_dstDiff, dstAbbr};
    m_start = parsed[0];
    m_end = parsed[1];
    return true;
}

const ZoneInfo::TtInfo &ZoneInfo::tzStrInfo(qint64 ts, int year, int fold) const
{
    qint64 start = m_start.yearToEpoch(year);
    qint64 end = m_end.yearToEpoch(year);
    if ((fold != 0) == (m_dstDiff >= 0)) {
        end -= m_dstDiff;
    } else {
        start += m_dstDiff;
    }
    const bool isdst = start < end ? (start <= ts && ts < end) : !(end <= ts && ts < start);
    return isdst ? m_dst : m_std;
}

std::pair<const ZoneInfo::TtInfo *, int> ZoneInfo::tzStrFromUtc(qint64 ts, int year) const
{
    qint64 start = m_start.yearToEpoch(year) - m_std.utcoff;
    qint64 end = m_end.yearToEpoch(year) - m_dst.utcoff;
    const bool isdst = start < end ? (start <= ts && ts < end) : !(end <= ts && ts < start);
    qint64 ambigStart = 0, ambigEnd = 0;
    if (m_dstDiff > 0) {
        ambigStart = end;
        ambigEnd = end + m_dstDiff;
    } else {
        ambigStart = start;
        ambigEnd = start - m_dstDiff;
    }
    const int fold = (ambigStart <= ts && ts < ambigEnd) ? 1 : 0;
    return {isdst ? &m_dst : &m_std, fold};
}

const ZoneInfo::TtInfo &ZoneInfo::find(qint64 localTs, int year, int fold) const
{
    const QVector<qint64> &lt = m_transLocal[fold ? 1 : 0];
    if (!lt.isEmpty() && localTs < lt.front()) {
        return m_ttinfos[m_ttiBefore];
    }
    if (lt.isEmpty() || localTs > lt.back()) {
        return m_afterIsRule ? tzStrInfo(localTs, year, fold) : m_afterFixed;
    }
    const auto it = std::upper_bound(lt.begin(), lt.end(), localTs);
    const qsizetype idx = (it - lt.begin()) - 1;
    return m_ttinfos[m_transIdx[idx]];
}

std::pair<const ZoneInfo::TtInfo *, int> ZoneInfo::fromUtc(qint64 ts, int year) const
{
    const qsizetype n = m_transUtc.size();
    if (n >= 1 && ts < m_transUtc.front()) {
        return {&m_ttinfos[m_ttiBefore], 0};
    }
    if ((n == 0 || ts > m_transUtc.back()) && m_afterIsRule) {
        return tzStrFromUtc(ts, year);
    }
    if (n == 0) {
        return {&m_afterFixed, 0};
    }
    const qsizetype idx = std::upper_bound(m_transUtc.begin(), m_transUtc.end(), ts)
        - m_transUtc.begin();
    const TtInfo *prev = nullptr;
    const TtInfo *cur = nullptr;
    if (n > 1 && ts >= m_transUtc[1]) {
        prev = &m_ttinfos[m_transIdx[idx - 2]];
        cur = &m_ttinfos[m_transIdx[idx - 1]];
    } else if (ts > m_transUtc.back()) {
        prev = &m_ttinfos[m_transIdx.back()];
        cur = &m_afterFixed;
    } else {
        prev = &m_ttinfos[m_ttiBefore];
        cur = &m_ttinfos[m_transIdx[0]];
    }
    const qint64 shift = prev->utcoff - cur->utcoff;
    const int fold = shift > ts - m_transUtc[idx - 1] ? 1 : 0;
    return {cur, fold};
}

} // namespace stdlab::date
