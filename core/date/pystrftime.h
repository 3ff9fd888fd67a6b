#pragma once

#include "date/pydatetime.h"

#include <QList>

namespace stdlab::date {

/// datetime.strftime(format) as CPython on glibc (C locale) computes it.
QString strftime(const DateTime &dt, const QString &format);

/// datetime.datetime.strptime(text, format) as CPython's _strptime (C locale) computes it.
Expected<DateTime> strptime(const QString &text, const QString &format);

/// One row of the directive reference table.
struct Directive
{
    QString code; ///< "%Y"
    const char *meaning; ///< English; translate with QCoreApplication::translate("Directive", …)
    bool strptime; ///< accepted by strptime()
};
/// The directives of Python's datetime documentation that glibc and _strptime support.
const QList<Directive> &directives();

} // namespace stdlab::date
