"""The `stdlab date --batch` operations written with CPython's standard library.

Shared by the differential test (tests/date/differential.py) and the benchmark's Python peer
(bench/date/reference.py). relativedelta(b, a) is dateutil's algorithm re-implemented, as
dateutil is not in the standard library.
"""
import calendar
import datetime as D
import operator
import re
from zoneinfo import ZoneInfo

UTC = D.timezone.utc


def read(iso, tz=None, fold=0):
    zone = ZoneInfo(tz) if tz else None
    dt = D.datetime.fromisoformat(iso)
    if zone is None:
        return dt
    if dt.tzinfo is not None:
        return dt.astimezone(zone)
    return dt.replace(tzinfo=zone, fold=fold)


def add_months(dt, months):
    """dt + relativedelta(months=months): one clamp to the month's last day."""
    years, month0 = divmod(dt.month - 1 + months, 12)
    year = dt.year + years
    month = month0 + 1
    day = min(dt.day, calendar.monthrange(year, month)[1])
    return dt.replace(year=year, month=month, day=day)


def _sign(x):
    return int(x > 0) - int(x < 0)


def relativedelta(dt1, dt2):
    """(years, months, days, hours, minutes, seconds, microseconds) of relativedelta(dt1, dt2)."""
    months = (dt1.year - dt2.year) * 12 + (dt1.month - dt2.month)
    dtm = add_months(dt2, months)
    if dt1 < dt2:
        compare, increment = operator.gt, 1
    else:
        compare, increment = operator.lt, -1
    while compare(dt1, dtm):
        months += increment
        dtm = add_months(dt2, months)
    delta = dt1 - dtm
    seconds = delta.seconds + delta.days * 86400
    microseconds = delta.microseconds
    minutes = hours = days = years = 0
    if abs(microseconds) > 999999:
        s = _sign(microseconds)
        div, mod = divmod(microseconds * s, 1000000)
        microseconds, seconds = mod * s, seconds + div * s
    if abs(seconds) > 59:
        s = _sign(seconds)
        div, mod = divmod(seconds * s, 60)
        seconds, minutes = mod * s, minutes + div * s
    if abs(minutes) > 59:
        s = _sign(minutes)
        div, mod = divmod(minutes * s, 60)
        minutes, hours = mod * s, hours + div * s
    if abs(hours) > 23:
        s = _sign(hours)
        div, mod = divmod(hours * s, 24)
        hours, days = mod * s, days + div * s
    if abs(months) > 11:
        s = _sign(months)
        div, mod = divmod(months * s, 12)
        months, years = mod * s, years + div * s
    return years, months, days, hours, minutes, seconds, microseconds


def op_parts(r):
    dt = read(r["dt"], r.get("tz"))
    iso = dt.isocalendar()
    return {
        "year": dt.year, "month": dt.month, "day": dt.day, "hour": dt.hour,
        "minute": dt.minute, "second": dt.second, "microsecond": dt.microsecond,
        "weekday": dt.weekday(), "isoweekday": dt.isoweekday(),
        "isocalendar": [iso[0], iso[1], iso[2]], "yday": dt.timetuple().tm_yday,
        "timestamp": dt.timestamp() if dt.tzinfo is not None else None,
    }


def op_add(r):
    dt = read(r["dt"], r.get("tz"))
    years, months = r.get("years", 0), r.get("months", 0)
    if years or months:
        dt = add_months(dt, years * 12 + months)
    delta = D.timedelta(weeks=r.get("weeks", 0), days=r.get("days", 0),
                        hours=r.get("hours", 0), minutes=r.get("minutes", 0),
                        seconds=r.get("seconds", 0), microseconds=r.get("microseconds", 0))
    return (dt + delta).isoformat()


def op_diff(r):
    a = D.datetime.fromisoformat(r["a"])
    b = D.datetime.fromisoformat(r["b"])
    td = b - a
    rd = relativedelta(b, a)
    return {"days": td.days, "seconds": td.seconds, "microseconds": td.microseconds,
            "total_seconds": td.total_seconds(), "str": str(td),
            "years": rd[0], "months": rd[1], "mdays": rd[2]}


def op_strftime(r):
    return read(r["dt"], r.get("tz")).strftime(r["format"])


def op_strptime(r):
    return D.datetime.strptime(r["text"], r["format"]).isoformat()


def op_convert(r):
    src = ZoneInfo(r["from"])
    dst = ZoneInfo(r["to"])
    dt = D.datetime.fromisoformat(r["dt"])
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=src, fold=r.get("fold", 0))
    back = dt.astimezone(UTC).astimezone(dt.tzinfo)
    gap = back.replace(tzinfo=None) != dt.replace(tzinfo=None)
    res = dt.astimezone(dst)
    return {"dt": res.isoformat(), "tzname": res.tzname(), "dst": bool(res.dst()),
            "fold": res.fold, "gap": gap}


def op_compare(r):
    a = D.datetime.fromisoformat(r["a"])
    b = D.datetime.fromisoformat(r["b"])
    return (a > b) - (a < b)


OPS = {"parts": op_parts, "add": op_add, "diff": op_diff, "strftime": op_strftime,
       "strptime": op_strptime, "convert": op_convert, "compare": op_compare}


def handle(request):
    """The response object (without id) that `stdlab date --batch` must write."""
    try:
        return {"result": OPS[request["op"]](request)}
    except KeyError as e:  # ZoneInfoNotFoundError is a KeyError: its message is args[0]
        return {"error": str(e.args[0])}
    except (ValueError, OverflowError, TypeError, re.error) as e:
        return {"error": str(e)}
