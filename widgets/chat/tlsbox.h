#pragma once

#include "tlsclient.h"

#include <QWidget>

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSettings;

/// Asks for a file to open (tests answer it without a dialog): title, current path → path.
using TlsFilePicker = std::function<QString(QWidget *parent, const QString &title,
                                            const QString &current)>;

/**
 * The Chat tab's TLS settings for the server: a switch (toggle(), placed by the panel on the
 * form's first row) and, when it is on, a row with the certificate's source (StdLab's own for
 * localhost, or the user's certificate and key files) and, once listening, its SHA-256
 * fingerprint with Copy.
 */
class TlsServerBox : public QWidget
{
    Q_OBJECT

public:
    explicit TlsServerBox(QWidget *parent = nullptr);

    QCheckBox *toggle() const { return m_toggle; }
    /// The row's controls in reading order (the panel puts them after the form's own).
    QList<QWidget *> focusChain() const;
    bool isOn() const;
    void setOn(bool on);
    /// Empty both: StdLab's own certificate for localhost.
    QString certificateFile() const;
    QString keyFile() const;
    /// Shown while a TLS server listens; empty hides it.
    void setFingerprint(const QString &fingerprint);
    QString fingerprint() const;
    /// The controls that change the server are locked while it listens.
    void setLocked(bool locked);
    void setFilePicker(TlsFilePicker picker) { m_pick = std::move(picker); }
    /// Shows the row when the switch is on and not hidden (the panel hides it for UDP).
    void updateVisibility();

    void saveSettings(QSettings &settings) const;
    void restoreSettings(QSettings &settings);

Q_SIGNALS:
    void changed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QCheckBox *m_toggle;
    QComboBox *m_source;
    QLabel *m_certLabel;
    QLineEdit *m_cert;
    QPushButton *m_certBrowse;
    QLabel *m_keyLabel;
    QLineEdit *m_key;
    QPushButton *m_keyBrowse;
    QLabel *m_fingerprintLabel;
    QLineEdit *m_fingerprint;
    QPushButton *m_copy;
    TlsFilePicker m_pick;
};

/**
 * The Chat tab's TLS settings for the client: a switch (toggle()) and, when it is on, how the
 * server is trusted: the system's CAs, a CA file, a pinned SHA-256 fingerprint, or nothing
 * (insecure).
 */
class TlsClientBox : public QWidget
{
    Q_OBJECT

public:
    explicit TlsClientBox(QWidget *parent = nullptr);

    QCheckBox *toggle() const { return m_toggle; }
    /// The row's controls in reading order (the panel puts them after the form's own).
    QList<QWidget *> focusChain() const;
    /// What the form says (a fingerprint as typed: see problem()).
    stdlab::net::TlsClientOptions options() const;
    void setOptions(const stdlab::net::TlsClientOptions &options);
    /// Why the options cannot be used (no CA file, a fingerprint that is not SHA-256), or empty.
    QString problem() const;
    void setLocked(bool locked);
    void setFilePicker(TlsFilePicker picker) { m_pick = std::move(picker); }
    /// Shows the row when the switch is on and not hidden (the panel hides it for UDP).
    void updateVisibility();

    void saveSettings(QSettings &settings) const;
    void restoreSettings(QSettings &settings);

Q_SIGNALS:
    void changed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QCheckBox *m_toggle;
    QComboBox *m_verify;
    QLineEdit *m_caFile;
    QPushButton *m_browse;
    QLineEdit *m_fingerprint;
    QLabel *m_warning;
    TlsFilePicker m_pick;
};
