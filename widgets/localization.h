#pragma once

#include <QString>

class QCoreApplication;

/** Loads StdLab's and Qt's own translations for a UI language. */
namespace stdlab {

/// The language to use: @p requested ("es", "en") if given, else the system locale's.
QString chooseLanguage(const QString &requested);
/// Installs the translators for @p language on @p app (replacing earlier ones) and makes
/// QLocale() speak it (file types, sizes); true if found.
bool installTranslations(QCoreApplication *app, const QString &language);

} // namespace stdlab
