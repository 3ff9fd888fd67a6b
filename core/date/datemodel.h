#pragma once

#include <QHash>
#include <QObject>
#include <QStringList>

class QTimer;

namespace stdlab::date {

/**
 * The Dates panel's state: the inputs of each section, their live results and errors as
 * strings (recomputed on every change), the clock of the Now section and the Python code.
 */
class DateModel : public QObject
{
    Q_OBJECT

public:
    enum Section { NowSection, DifferenceSection, AddSection, ConvertSection, FormatSection };
    Q_ENUM(Section)
    /// Amounts of the Add section, in this order.
    enum Amount { Years, Months, Weeks, Days, Hours, Minutes, Seconds, Microseconds, AmountCount };

    explicit DateModel(QObject *parent = nullptr);

    // Inputs.
    QString input(const QString &key) const { return m_inputs.value(key); }
    /// Sets an input ("nowZone", "diffA", "diffB", "addStart", "addZone", "convertDt",
    /// "convertFrom", "convertTo", "formatDt", "formatString", "parseText", "parseFormat").
    void setInput(const QString &key, const QString &value);
    static QStringList inputKeys();
    qint64 amount(Amount a) const { return m_amounts[a]; }
    void setAmount(Amount a, qint64 value);
    bool subtract() const { return m_subtract; }
    void setSubtract(bool subtract);
    int convertFold() const { return m_fold; }
    void setConvertFold(int fold);
    Section section() const { return m_section; }
    void setSection(Section section);

    /// A result ("diffDelta", "addResult", ...) or "" when there is none.
    QString result(const QString &key) const { return m_results.value(key); }
    /// The error of an input or of a section's result ("diffA", "addResult", ...), or "".
    QString error(const QString &key) const { return m_errors.value(key); }

    /// The Python program for the current section.
    QString pythonCode() const;

    /// Recomputes the Now section (called every second by the model's timer).
    void refreshNow();

Q_SIGNALS:
    /// Results or errors of the input-driven sections changed.
    void resultsChanged();
    /// The Now section was refreshed.
    void nowChanged();
    void pythonCodeChanged();

private:
    /// A zone input as ZoneInfo() takes it ("madrid" is Europe/Madrid, its only match).
    QString zoneInput(const QString &key) const;
    QString zoneError(const QString &key, const QString &error) const;
    void recompute();
    void computeDifference();
    void computeAdd();
    void computeConvert();
    void computeFormat();

    QHash<QString, QString> m_inputs;
    QHash<QString, QString> m_results;
    QHash<QString, QString> m_errors;
    qint64 m_amounts[AmountCount] = {};
    bool m_subtract = false;
    int m_fold = 0;
    Section m_section = DifferenceSection;
    QTimer *m_clock;
};

} // namespace stdlab::date
