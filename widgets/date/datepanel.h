#pragma once

#include "panel.h"

#include <QHash>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class MessageLabel;
class QLineEdit;
class QSpinBox;
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

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *createNowTab();
    QWidget *createDifferenceTab();
    QWidget *createAddTab();
    QWidget *createConvertTab();
    QWidget *createFormatTab();
    QLineEdit *addInput(QFormLayout *form, const QString &label, const QString &key,
                        const QString &placeholder = {});
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
    QLineEdit *m_lastFormatField = nullptr;
};
