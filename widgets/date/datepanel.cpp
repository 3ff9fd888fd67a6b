#include "date/datepanel.h"

#include "date/datemodel.h"
#include "date/pydatetime.h"
#include "date/pystrftime.h"
#include "date/zoneinfo.h"
#include "messagelabel.h"

#include <QApplication>
#include <QCalendarWidget>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QEvent>
#include <QFontDatabase>
#include <QCompleter>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWidgetAction>

using stdlab::date::DateModel;

namespace {

QGroupBox *group(const QString &title, QLayout *layout, QWidget *parent)
{
    auto *box = new QGroupBox(title, parent);
    box->setLayout(layout);
    return box;
}

QFormLayout *newForm()
{
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return form;
}

} // namespace

DatePanel::DatePanel(QWidget *parent)
    : Panel(parent)
    , m_model(new DateModel(this))
    , m_sections(new QTabWidget(this))
{
    m_sections->setObjectName(QStringLiteral("dateSections"));
    m_sections->setDocumentMode(true);
    // Each section scrolls, so that the panel never forces a minimum window size.
    auto scrolled = [this](QWidget *page) {
        auto *area = new QScrollArea(m_sections);
        area->setWidgetResizable(true);
        area->setFrameShape(QFrame::NoFrame);
        area->setFocusPolicy(Qt::NoFocus); // Tab goes to the controls, not their container
        area->setWidget(page);
        return area;
    };
    m_sections->addTab(scrolled(createNowTab()), tr("Now"));
    m_sections->addTab(scrolled(createDifferenceTab()), tr("Difference"));
    m_sections->addTab(scrolled(createAddTab()), tr("Add/Subtract"));
    m_sections->addTab(scrolled(createConvertTab()), tr("Convert"));
    m_sections->addTab(createFormatTab(), tr("Format/Parse"));
    // Each date field, then its Calendar and Now buttons: made in one window, the Format
    // section's field is moved into its own before the section joins the panel.
    for (auto it = m_inputs.cbegin(); it != m_inputs.cend(); ++it) {
        auto *calendar = findChild<QWidget *>(it.key() + QStringLiteral("Calendar"));
        auto *now = findChild<QWidget *>(it.key() + QStringLiteral("Now"));
        if (calendar && now) {
            QWidget::setTabOrder(it.value(), calendar);
            QWidget::setTabOrder(calendar, now);
        }
    }
    // The course starts with datetime.now(): so does a first run.
    m_sections->setCurrentIndex(DateModel::NowSection);
    m_model->setSection(DateModel::NowSection);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_sections);

    connect(m_sections, &QTabWidget::currentChanged, this,
            [this](int index) { m_model->setSection(DateModel::Section(index)); });
    connect(m_model, &DateModel::resultsChanged, this, &DatePanel::showResults);
    connect(m_model, &DateModel::nowChanged, this, &DatePanel::showNow);
    connect(m_model, &DateModel::pythonCodeChanged, this, &Panel::pythonCodeChanged);
    syncInputsFromModel();
    showResults();
    showNow();
}

QString DatePanel::pythonCode() const
{
    return m_model->pythonCode();
}

QLineEdit *DatePanel::addInput(QFormLayout *form, const QString &label, const QString &key,
                               const QString &placeholder, bool isDate)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(key);
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(true);
    edit->setAccessibleName(QString(label).remove(QLatin1Char('&')).remove(QLatin1Char(':')));
    m_inputs.insert(key, edit);
    connect(edit, &QLineEdit::textChanged, this,
            [this, key](const QString &text) { m_model->setInput(key, text); });
    if (!isDate) {
        form->addRow(label, edit);
        addError(form, key);
        return edit;
    }
    // A date field: a calendar to pick the day (the time typed is kept), a Now button, and the
    // locale's short format accepted as well as ISO (turned into ISO, which the program reads
    // with fromisoformat()).
    auto *row = new QWidget(this);
    auto *h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    h->setSpacing(2);
    h->addWidget(edit, 1);
    auto *calendarButton = new QToolButton(row);
    calendarButton->setObjectName(key + QStringLiteral("Calendar"));
    calendarButton->setText(tr("Calendar"));
    calendarButton->setIcon(QIcon::fromTheme(QStringLiteral("view-calendar")));
    calendarButton->setToolButtonStyle(Qt::ToolButtonIconOnly);
    calendarButton->setToolTip(tr("Pick the date in a calendar"));
    calendarButton->setAccessibleName(tr("Pick the date in a calendar"));
    calendarButton->setPopupMode(QToolButton::InstantPopup);
    if (calendarButton->icon().isNull()) {
        calendarButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
        calendarButton->setText(QStringLiteral("\u25be")); // a small down triangle
    }
    auto *menu = new QMenu(calendarButton);
    auto *calendar = new QCalendarWidget(menu);
    calendar->setObjectName(key + QStringLiteral("CalendarWidget"));
    calendar->setGridVisible(true);
    auto *calendarAction = new QWidgetAction(menu);
    calendarAction->setDefaultWidget(calendar);
    menu->addAction(calendarAction);
    calendarButton->setMenu(menu);
    connect(menu, &QMenu::aboutToShow, calendar, [edit, calendar] {
        const QDate shown = QDate::fromString(edit->text().left(10), Qt::ISODate);
        calendar->setSelectedDate(shown.isValid() ? shown : QDate::currentDate());
    });
    connect(calendar, &QCalendarWidget::clicked, this, [this, edit, menu](QDate date) {
        setDatePart(edit, date);
        menu->close();
    });
    auto *now = new QToolButton(row);
    now->setObjectName(key + QStringLiteral("Now"));
    now->setText(tr("Now"));
    now->setToolTip(tr("The current date and time, as datetime.now() gives it"));
    connect(now, &QToolButton::clicked, this, [edit] {
        const QDateTime t = QDateTime::currentDateTime();
        edit->setText(t.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")));
    });
    h->addWidget(calendarButton);
    h->addWidget(now);
    form->addRow(label, row);
    connect(edit, &QLineEdit::editingFinished, this, [edit] {
        const QString iso = isoFromLocale(edit->text());
        if (!iso.isEmpty() && iso != edit->text()) {
            edit->setText(iso);
        }
    });
    addError(form, key);
    return edit;
}

void DatePanel::setDatePart(QLineEdit *edit, QDate date)
{
    // Keeps what follows the date (time, offset): "2023-06-14T14:06" -> "2023-07-01T14:06".
    const QString text = edit->text().trimmed();
    const bool isoDate = QDate::fromString(text.left(10), Qt::ISODate).isValid();
    const QString rest = isoDate ? text.mid(10) : QString();
    edit->setText(date.toString(Qt::ISODate) + rest);
}

QString DatePanel::isoFromLocale(const QString &text)
{
    // ISO stays as typed; else the UI locale's short date (14/06/2023 in Spanish, 6/14/23 in
    // English), with or without its short time.
    const QString t = text.trimmed();
    if (t.isEmpty() || QDate::fromString(t.left(10), Qt::ISODate).isValid()) {
        return QString();
    }
    const QLocale locale;
    QStringList formats;
    for (const QString &format : {locale.dateTimeFormat(QLocale::ShortFormat),
                                  locale.dateFormat(QLocale::ShortFormat)}) {
        formats << format;
        if (!format.contains(QLatin1String("yyyy"))) { // 14/06/2023 as well as 14/6/23
            formats << QString(format).replace(QLatin1String("yy"), QLatin1String("yyyy"));
        }
    }
    for (const QString &format : std::as_const(formats)) {
        QDateTime parsed = locale.toDateTime(t, format);
        if (!parsed.isValid()) {
            continue;
        }
        // A two-digit year is read as 1900+; the course's dates are this century's.
        if (!format.contains(QLatin1String("yyyy")) && parsed.date().year() < 1950) {
            parsed = parsed.addYears(100);
        }
        return format.contains(QLatin1Char('H')) || format.contains(QLatin1Char('h'))
            ? parsed.toString(QStringLiteral("yyyy-MM-ddTHH:mm"))
            : parsed.date().toString(Qt::ISODate);
    }
    return QString();
}

QComboBox *DatePanel::addZoneInput(QFormLayout *form, const QString &label, const QString &key,
                                   bool allowEmpty)
{
    auto *combo = new QComboBox(this);
    combo->setObjectName(key);
    combo->setEditable(true);
    combo->setInsertPolicy(QComboBox::NoInsert);
    combo->setMaxVisibleItems(20);
    QStringList zones = stdlab::date::ZoneInfo::availableTimeZones();
    if (allowEmpty) {
        zones.prepend(QString());
        combo->lineEdit()->setPlaceholderText(tr("none (naive)"));
    }
    combo->addItems(zones);
    // Searchable: typing any part of a name ("york", "madrid") offers the matching zones.
    auto *completer = new QCompleter(zones, combo);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    completer->setMaxVisibleItems(15);
    combo->setCompleter(completer);
    form->addRow(label, combo);
    m_zoneInputs.insert(key, combo);
    connect(combo, &QComboBox::currentTextChanged, this,
            [this, key](const QString &text) { m_model->setInput(key, text.trimmed()); });
    addError(form, key);
    return combo;
}

MessageLabel *DatePanel::addError(QFormLayout *form, const QString &key)
{
    auto *error = new MessageLabel(this);
    error->setObjectName(key + QStringLiteral("Error"));
    // Room for one line is kept, so an error under a field does not push the fields below.
    error->setReserveSpace(true);
    form->addRow(QString(), error);
    m_errors.insert(key, error);
    return error;
}

QLineEdit *DatePanel::addResult(QFormLayout *form, const QString &label, const QString &key)
{
    auto *row = new QWidget(this);
    auto *h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    auto *value = new QLineEdit(row);
    value->setObjectName(key);
    value->setReadOnly(true);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    value->setFont(mono);
    const QString name = QString(label).remove(QLatin1Char('&')).remove(QLatin1Char(':'));
    value->setAccessibleName(name);
    auto *copy = new QToolButton(row);
    copy->setObjectName(key + QStringLiteral("Copy"));
    copy->setAccessibleName(tr("Copy %1").arg(name));
    copy->setIcon(QIcon(QStringLiteral(":/icons/copy.svg")));
    copy->setToolTip(tr("Copy"));
    copy->setAutoRaise(true);
    connect(copy, &QToolButton::clicked, this,
            [value] { QApplication::clipboard()->setText(value->text()); });
    h->addWidget(value, 1);
    h->addWidget(copy);
    form->addRow(label, row);
    m_results.insert(key, value);
    return value;
}

QWidget *DatePanel::createNowTab()
{
    auto *page = new QWidget(this);
    auto *v = new QVBoxLayout(page);
    auto *zoneForm = newForm();
    addZoneInput(zoneForm, tr("Time zone:"), QStringLiteral("nowZone"));
    v->addWidget(group(tr("Zone"), zoneForm, page));
    auto *clock = newForm();
    addResult(clock, tr("Local time:"), QStringLiteral("nowLocal"));
    addResult(clock, tr("Local zone:"), QStringLiteral("nowLocalZone"));
    addResult(clock, tr("In the chosen zone:"), QStringLiteral("nowZone"));
    v->addWidget(group(tr("Current date and time (refreshed every second)"), clock, page));
    auto *partsForm = newForm();
    addResult(partsForm, tr("Date (year-month-day):"), QStringLiteral("nowDate"));
    addResult(partsForm, tr("Time (h:m:s.microsecond):"), QStringLiteral("nowTime"));
    addResult(partsForm, tr("weekday() (Mon = 0):"), QStringLiteral("nowWeekday"));
    addResult(partsForm, tr("isocalendar():"), QStringLiteral("nowIsoCalendar"));
    addResult(partsForm, tr("Day of the year:"), QStringLiteral("nowYday"));
    addResult(partsForm, tr("timestamp():"), QStringLiteral("nowTimestamp"));
    v->addWidget(group(tr("Parts in the chosen zone"), partsForm, page));
    v->addStretch();
    return page;
}

QWidget *DatePanel::createDifferenceTab()
{
    auto *page = new QWidget(this);
    auto *v = new QVBoxLayout(page);
    auto *in = newForm();
    const QString hint = tr("ISO date or datetime, e.g. 2023-06-14T14:06:23");
    addInput(in, tr("Start (a):"), QStringLiteral("diffA"), hint, true);
    addInput(in, tr("End (b):"), QStringLiteral("diffB"), hint, true);
    v->addWidget(group(tr("Dates"), in, page));
    auto *out = newForm();
    addResult(out, tr("b - a:"), QStringLiteral("diffDelta"));
    addResult(out, tr("timedelta:"), QStringLiteral("diffRepr"));
    addResult(out, tr("total_seconds():"), QStringLiteral("diffTotalSeconds"));
    addResult(out, tr("Calendar (relativedelta):"), QStringLiteral("diffCalendar"));
    addResult(out, tr("Weeks and days:"), QStringLiteral("diffWeeks"));
    addResult(out, tr("Business days (Mon-Fri):"), QStringLiteral("diffBusiness"));
    addResult(out, tr("Comparison:"), QStringLiteral("diffCompare"));
    addError(out, QStringLiteral("diffResult"));
    v->addWidget(group(tr("Difference"), out, page));
    v->addStretch();
    return page;
}

QWidget *DatePanel::createAddTab()
{
    auto *page = new QWidget(this);
    auto *v = new QVBoxLayout(page);
    auto *in = newForm();
    addInput(in, tr("Start:"), QStringLiteral("addStart"),
             tr("ISO date or datetime, e.g. 2023-06-14T14:06:23"), true);
    addZoneInput(in, tr("Time zone:"), QStringLiteral("addZone"), true);
    m_subtract = new QCheckBox(tr("Subtract instead of add"), page);
    m_subtract->setObjectName(QStringLiteral("addSubtract"));
    in->addRow(QString(), m_subtract);
    connect(m_subtract, &QCheckBox::toggled, m_model, &DateModel::setSubtract);
    v->addWidget(group(tr("Start"), in, page));

    auto *grid = new QGridLayout;
    const QString names[] = {tr("Years"), tr("Months"),  tr("Weeks"),   tr("Days"),
                             tr("Hours"), tr("Minutes"), tr("Seconds"), tr("Microseconds")};
    const char *keys[] = {"years", "months", "weeks", "days",
                          "hours", "minutes", "seconds", "microseconds"};
    for (int i = 0; i < DateModel::AmountCount; ++i) {
        auto *spin = new QSpinBox(page);
        spin->setObjectName(QStringLiteral("add_") + QLatin1String(keys[i]));
        spin->setRange(-999999999, 999999999);
        spin->setAccelerated(true);
        auto *label = new QLabel(names[i], page);
        label->setBuddy(spin);
        grid->addWidget(label, i / 4 * 2, i % 4);
        grid->addWidget(spin, i / 4 * 2 + 1, i % 4);
        m_amounts << spin;
        connect(spin, &QSpinBox::valueChanged, this,
                [this, i](int value) { m_model->setAmount(DateModel::Amount(i), value); });
    }
    auto *note = new QLabel(tr("Years and months are applied first, with one clamp to the end "
                               "of the month (31 Jan + 1 month = 28/29 Feb); then the rest as a "
                               "timedelta. In a time zone the arithmetic is on the wall clock, "
                               "as in Python."),
                            page);
    note->setWordWrap(true);
    // Readable in every palette: a disabled label's grey is barely visible on a light theme.
    QFont noteFont = note->font();
    noteFont.setItalic(true);
    note->setFont(noteFont);
    grid->addWidget(note, 4, 0, 1, 4);
    v->addWidget(group(tr("Amounts"), grid, page));

    auto *out = newForm();
    addResult(out, tr("Result:"), QStringLiteral("addResult"));
    addResult(out, tr("Weekday:"), QStringLiteral("addWeekday"));
    addResult(out, tr("Elapsed time:"), QStringLiteral("addElapsed"));
    addError(out, QStringLiteral("addResult"));
    v->addWidget(group(tr("Result"), out, page));
    v->addStretch();
    return page;
}

QWidget *DatePanel::createConvertTab()
{
    auto *page = new QWidget(this);
    auto *v = new QVBoxLayout(page);
    auto *in = newForm();
    addInput(in, tr("Date and time:"), QStringLiteral("convertDt"),
             tr("Wall time in the source zone, e.g. 2023-10-29T02:30"), true);
    addZoneInput(in, tr("From zone:"), QStringLiteral("convertFrom"));
    addZoneInput(in, tr("To zone:"), QStringLiteral("convertTo"));
    m_fold = new QComboBox(page);
    m_fold->setObjectName(QStringLiteral("convertFold"));
    m_fold->addItem(tr("fold=0: the first of two repeated times"));
    m_fold->addItem(tr("fold=1: the second of two repeated times"));
    in->addRow(tr("Ambiguous times:"), m_fold);
    connect(m_fold, &QComboBox::currentIndexChanged, m_model, &DateModel::setConvertFold);
    v->addWidget(group(tr("Source"), in, page));
    auto *out = newForm();
    addResult(out, tr("Result:"), QStringLiteral("convertResult"));
    addResult(out, tr("Zone name and DST:"), QStringLiteral("convertInfo"));
    addResult(out, tr("Gap or fold:"), QStringLiteral("convertNote"));
    addError(out, QStringLiteral("convertResult"));
    v->addWidget(group(tr("Converted"), out, page));
    v->addStretch();
    return page;
}

QWidget *DatePanel::createFormatTab()
{
    auto *page = new QWidget(this);
    auto *splitter = new QSplitter(Qt::Horizontal, page);
    auto *left = new QWidget;
    auto *v = new QVBoxLayout(left);
    v->setContentsMargins(0, 0, 0, 0);
    auto *fmt = newForm();
    addInput(fmt, tr("Date and time:"), QStringLiteral("formatDt"),
             tr("ISO date or datetime, e.g. 2023-06-14T14:06:23+02:00"), true);
    addInput(fmt, tr("Format:"), QStringLiteral("formatString"), QStringLiteral("%d/%m/%Y"));
    addResult(fmt, tr("strftime():"), QStringLiteral("formatResult"));
    v->addWidget(group(tr("Format (strftime)"), fmt, left));
    auto *parse = newForm();
    addInput(parse, tr("Text:"), QStringLiteral("parseText"), QStringLiteral("14/06/2023"));
    addInput(parse, tr("Format:"), QStringLiteral("parseFormat"), QStringLiteral("%d/%m/%Y"));
    addResult(parse, tr("strptime():"), QStringLiteral("parseResult"));
    addResult(parse, tr("Python value:"), QStringLiteral("parseRepr"));
    addError(parse, QStringLiteral("parseResult"));
    v->addWidget(group(tr("Parse (strptime)"), parse, left));
    v->addStretch();
    // The forms scroll (as the other sections do) so that the table keeps its room: at 800x600
    // its Meaning column was 50 px wide.
    auto *leftArea = new QScrollArea(splitter);
    leftArea->setWidgetResizable(true);
    leftArea->setFrameShape(QFrame::NoFrame);
    leftArea->setFocusPolicy(Qt::NoFocus);
    leftArea->setWidget(left); // before the table: Tab goes through the forms, then the table

    m_directives = new QTableWidget(splitter);
    m_directives->setObjectName(QStringLiteral("directiveTable"));
    // Tab leaves the table (arrows move between its cells): no keyboard trap.
    m_directives->setTabKeyNavigation(false);
    m_directives->setAccessibleName(tr("strftime and strptime directives"));
    m_directives->setColumnCount(3);
    m_directives->setHorizontalHeaderLabels({tr("Directive"), tr("Meaning"), tr("Example")});
    m_directives->verticalHeader()->hide();
    m_directives->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_directives->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_directives->setToolTip(tr("Double-click a directive to add it to the format"));
    const auto &list = stdlab::date::directives();
    m_directives->setRowCount(int(list.size()));
    for (int row = 0; row < list.size(); ++row) {
        m_directives->setItem(row, 0, new QTableWidgetItem(list[row].code));
        m_directives->setItem(
            row, 1, new QTableWidgetItem(QCoreApplication::translate("Directive", list[row].meaning)));
        m_directives->setItem(row, 2, new QTableWidgetItem);
    }
    const int chars = m_directives->fontMetrics().averageCharWidth();
    m_directives->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_directives->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    // The examples wrap between words like the meanings ("Wed Sep 27" over "14:06:23 2023"
    // for %c): sized to its longest example the column took the width the forms need.
    m_directives->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Fixed);
    m_directives->setWordWrap(true);
    // Wide enough for the longest word an example has (C locale: day and month names).
    int longestWord = 0;
    for (const char *word : {"Wednesday", "September", "Wed Sep 27"}) {
        longestWord = std::max(longestWord, m_directives->fontMetrics().horizontalAdvance(
                                                QLatin1String(word)));
    }
    // The item delegate's text margin (QCommonStyle: focus frame margin + 1 on each side).
    const int textMargin =
        m_directives->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_directives) + 1;
    m_directives->horizontalHeader()->resizeSection(
        2, std::max(longestWord + 2 * textMargin + 1,
                    m_directives->horizontalHeader()->sectionSizeHint(2)));
    // Rows as tall as their wrapped text: a fixed height elided the third line.
    m_directives->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // A directive goes into the format field (strftime's or strptime's) that last had the focus.
    m_lastFormatField = m_inputs.value(QStringLiteral("formatString"));
    for (const char *key : {"formatString", "parseFormat"}) {
        m_inputs.value(QLatin1String(key))->installEventFilter(this);
    }
    connect(m_directives, &QTableWidget::cellDoubleClicked, this, [this](int row) {
        m_lastFormatField->insert(m_directives->item(row, 0)->text());
        m_lastFormatField->setFocus();
    });
    m_directives->horizontalHeader()->setMinimumSectionSize(chars * 4);
    // Room for the directive, a Meaning column of 24 characters (wrapped) and the examples.
    m_directives->resizeColumnToContents(0);
    m_directives->setMinimumWidth(m_directives->horizontalHeader()->sectionSize(0) + chars * 24
                                  + m_directives->horizontalHeader()->sectionSize(2)
                                  + m_directives->style()->pixelMetric(QStyle::PM_ScrollBarExtent)
                                  + 2 * m_directives->frameWidth());
    splitter->addWidget(leftArea);
    splitter->addWidget(m_directives);
    splitter->setChildrenCollapsible(false);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    // The forms come first: their results are what the user came for, and at 800x600 an even
    // split cut "Wednesday 27 September 2023, 14:06" after "September". Until the user drags
    // the handle, the table takes 36 % (at least its minimum, at most ~80 characters).
    m_formatSplitter = splitter;
    splitter->installEventFilter(this);
    connect(splitter, &QSplitter::splitterMoved, this, [this] { m_formatSplitterMoved = true; });
    auto *layout = new QVBoxLayout(page);
    // The table ends at the panel's edge, as the scrolled sections' scroll bars do: the
    // forms keep those pixels.
    QMargins margins = layout->contentsMargins();
    margins.setRight(0);
    layout->setContentsMargins(margins);
    layout->addWidget(splitter);
    return page;
}

bool DatePanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_formatSplitter && event->type() == QEvent::Resize && !m_formatSplitterMoved) {
        const int total = m_formatSplitter->width() - m_formatSplitter->handleWidth();
        const int chars = m_directives->fontMetrics().averageCharWidth();
        const int table = std::max(m_directives->minimumWidth(),
                                   std::min(total * 9 / 25, chars * 80));
        m_formatSplitter->setSizes({total - table, table});
    }
    if (event->type() == QEvent::FocusIn) {
        if (auto *edit = qobject_cast<QLineEdit *>(watched)) {
            m_lastFormatField = edit;
        }
    }
    return Panel::eventFilter(watched, event);
}

void DatePanel::showResults()
{
    for (auto it = m_results.cbegin(); it != m_results.cend(); ++it) {
        if (!it.key().startsWith(QLatin1String("now"))) {
            it.value()->setText(m_model->result(it.key()));
            it.value()->setCursorPosition(0);
        }
    }
    // Rows filled only in some cases say why they are empty, when there is a result at all.
    const bool added = !m_model->result(QStringLiteral("addResult")).isEmpty();
    m_results.value(QStringLiteral("addElapsed"))
        ->setPlaceholderText(
            added ? tr("As on the wall clock: the UTC offset does not change in between")
                  : QString());
    const bool converted = !m_model->result(QStringLiteral("convertResult")).isEmpty();
    m_results.value(QStringLiteral("convertNote"))
        ->setPlaceholderText(
            converted ? tr("Neither: this wall time happens once in the source zone") : QString());
    for (auto it = m_errors.cbegin(); it != m_errors.cend(); ++it) {
        if (it.key() == QLatin1String("nowZone")) {
            continue;
        }
        it.value()->setError(m_model->error(it.key()));
    }
    updateDirectiveExamples();
}

void DatePanel::showNow()
{
    for (auto it = m_results.cbegin(); it != m_results.cend(); ++it) {
        if (it.key().startsWith(QLatin1String("now"))) {
            it.value()->setText(m_model->result(it.key()));
        }
    }
    m_errors.value(QStringLiteral("nowZone"))->setError(m_model->error(QStringLiteral("nowZone")));
}

void DatePanel::updateDirectiveExamples()
{
    if (!m_directives) {
        return;
    }
    const auto dt = stdlab::date::DateTime::fromIsoFormat(
        m_model->input(QStringLiteral("formatDt")));
    for (int row = 0; row < m_directives->rowCount(); ++row) {
        const QString code = m_directives->item(row, 0)->text();
        m_directives->item(row, 2)->setText(dt ? stdlab::date::strftime(*dt, code) : QString());
    }
}

void DatePanel::syncInputsFromModel()
{
    for (auto it = m_inputs.cbegin(); it != m_inputs.cend(); ++it) {
        it.value()->setText(m_model->input(it.key()));
    }
    for (auto it = m_zoneInputs.cbegin(); it != m_zoneInputs.cend(); ++it) {
        it.value()->setCurrentText(m_model->input(it.key()));
    }
    for (int i = 0; i < m_amounts.size(); ++i) {
        m_amounts[i]->setValue(int(m_model->amount(DateModel::Amount(i))));
    }
    m_subtract->setChecked(m_model->subtract());
    m_fold->setCurrentIndex(m_model->convertFold());
}

void DatePanel::syncFromModel()
{
    syncInputsFromModel();
    m_sections->setCurrentIndex(int(m_model->section()));
}

void DatePanel::saveSettings(QSettings &settings) const
{
    for (const QString &key : DateModel::inputKeys()) {
        settings.setValue(key, m_model->input(key));
    }
    for (int i = 0; i < DateModel::AmountCount; ++i) {
        settings.setValue(QStringLiteral("amount%1").arg(i), m_model->amount(DateModel::Amount(i)));
    }
    settings.setValue(QStringLiteral("subtract"), m_model->subtract());
    settings.setValue(QStringLiteral("fold"), m_model->convertFold());
    settings.setValue(QStringLiteral("section"), m_sections->currentIndex());
}

void DatePanel::restoreSettings(QSettings &settings)
{
    for (const QString &key : DateModel::inputKeys()) {
        if (settings.contains(key)) {
            m_model->setInput(key, settings.value(key).toString());
        }
    }
    for (int i = 0; i < DateModel::AmountCount; ++i) {
        const QString key = QStringLiteral("amount%1").arg(i);
        if (settings.contains(key)) {
            m_model->setAmount(DateModel::Amount(i), settings.value(key).toLongLong());
        }
    }
    m_model->setSubtract(settings.value(QStringLiteral("subtract"), m_model->subtract()).toBool());
    m_model->setConvertFold(settings.value(QStringLiteral("fold"), m_model->convertFold()).toInt());
    syncInputsFromModel();
    const int section = settings.value(QStringLiteral("section"), m_sections->currentIndex()).toInt();
    if (section >= 0 && section < m_sections->count()) {
        m_sections->setCurrentIndex(section);
    }
}
