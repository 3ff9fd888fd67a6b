#include "localization.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace stdlab {

QString chooseLanguage(const QString &requested)
{
    if (!requested.isEmpty()) {
        return requested;
    }
    const QString system = QLocale::system().name().section(QLatin1Char('_'), 0, 0);
    return system == QLatin1String("es") ? system : QStringLiteral("en");
}

bool installTranslations(QCoreApplication *app, const QString &language)
{
    // What Qt formats through QLocale() follows the UI language too: QMimeType::comment()
    // (the Files tab's Type column), formattedDataSize(), number formats. The system's own
    // locale is kept when it already speaks that language (es_MX stays es_MX) or is C/POSIX
    // under an English UI.
    const QLocale system = QLocale::system();
    const QLocale wanted(language);
    const bool keepSystem = system.language() == wanted.language()
        || (system.language() == QLocale::C && wanted.language() == QLocale::English);
    QLocale::setDefault(keepSystem ? system : wanted);

    static const char *const kName = "stdlab_translator";
    for (QTranslator *old : app->findChildren<QTranslator *>(QString::fromLatin1(kName))) {
        QCoreApplication::removeTranslator(old);
        delete old;
    }
    // English too: the sources are English, but stdlab_en holds the forms of the %n strings
    // ("%n file(s)" reads "1 file" / "2 files").
    bool ok = false;
    auto *own = new QTranslator(app);
    own->setObjectName(QString::fromLatin1(kName));
    if (own->load(QStringLiteral("stdlab_") + language, QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(own);
        ok = true;
    } else {
        delete own;
    }
    if (language == QLatin1String("en")) {
        return ok; // Qt's own strings are English already
    }
    // Qt's own strings (standard dialogs, context menus of line edits, ...).
    auto *qt = new QTranslator(app);
    qt->setObjectName(QString::fromLatin1(kName));
    if (qt->load(QStringLiteral("qtbase_") + language,
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
    } else {
        delete qt;
    }
    return ok;
}

} // namespace stdlab
