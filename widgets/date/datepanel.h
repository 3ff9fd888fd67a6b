#pragma once

#include "panel.h"

#include <QDate>
#include <QHash>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class MessageLabel;
class QLineEdit;
class QSpinBox;
class QSplitter;
class QTableWidget;
class QTabWidget;

namespace stdlab::date {
class DateModel;
}

/** The Dates tab: Now, Difference, Add/Subtract, Convert and Format/Parse on a DateModel. */
class DatePanel : public Panel
{
    Q_OBJECT

public:
    explicit DatePanel(QWidget *parent = nullptr);

    QString pythonCode() const override;
    void saveSettings(QSettings &settings) const override;
    void restoreSettings(QSettings &settings) override;

    stdlab::date::DateModel *model() const { return m_model; }
    /// @p text in the UI locale's short date (and time) format as ISO ("" when it is ISO
    /// already or not a date): 14/06/2023 in Spanish is 2023-06-14.
    static QString isoFromLocale(const QString &text);
    /// Shows what the model holds (inputs, amounts, section) after it was set from outside,
    /// as a lesson's "Try it" does.
    void syncFromModel();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *createNowTab();
    QWidget *createDifferenceTab();
    QWidget *createAddTab();
    QWidget *createConvertTab();
    QWidget *createFormatTab();
    QLineEdit *addInput(QFormLayout *form, const QString &label, const QString &key,
                        const QString &placeholder = {}, bool isDate = false);
    void setDatePart(QLineEdit *edit, QDate date);
    QComboBox *addZoneInput(QFormLayout *form, const QString &label, const QString &key,
                            bool allowEmpty = false);
    QLineEdit *addResult(QFormLayout *form, const QString &label, const QString &key);
    MessageLabel *addError(QFormLayout *form, const QString &key);
    void showResults();
    void showNow();
    void updateDirectiveExamples();
    void syncInputsFromModel();

    stdlab::date::DateModel *m_model;
    QTabWidget *m_sections;
    QHash<QString, QLineEdit *> m_inputs;
    QHash<QString, QComboBox *> m_zoneInputs;
    QHash<QString, QLineEdit *> m_results;
    QHash<QString, MessageLabel *> m_errors;
    QList<QSpinBox *> m_amounts;
    QCheckBox *m_subtract = nullptr;
    QComboBox *m_fold = nullptr;
    QTableWidget *m_directives = nullptr;
    QSplitter *m_formatSplitter = nullptr;
    bool m_formatSplitterMoved = false; ///< the user chose the split: keep it
    QLineEdit *m_lastFormatField = nullptr;
};
