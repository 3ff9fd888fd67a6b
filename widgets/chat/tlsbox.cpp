#include "tlsbox.h"

#include "chat/chatsession.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>

using stdlab::net::TlsClientOptions;

namespace {

QString pickWithDialog(QWidget *parent, const QString &title, const QString &current)
{
    return QFileDialog::getOpenFileName(parent, title, current,
                                        QObject::tr("PEM files (*.pem *.crt *.cer *.key);;All "
                                                    "files (*)"));
}

QPushButton *browseButton(QWidget *parent, const QString &name)
{
    auto *b = new QPushButton(QStringLiteral("…"), parent);
    b->setObjectName(name);
    b->setSizePolicy(QSizePolicy::Fixed, b->sizePolicy().verticalPolicy());
    b->setMaximumWidth(b->fontMetrics().horizontalAdvance(QStringLiteral("…")) * 4);
    return b;
}

} // namespace

// --- TlsServerBox -------------------------------------------------------------------------

TlsServerBox::TlsServerBox(QWidget *parent)
    : QWidget(parent), m_toggle(new QCheckBox(parent)), m_source(new QComboBox(this)),
      m_certLabel(new QLabel(this)), m_cert(new QLineEdit(this)),
      m_certBrowse(browseButton(this, QStringLiteral("tlsCertBrowse"))),
      m_keyLabel(new QLabel(this)), m_key(new QLineEdit(this)),
      m_keyBrowse(browseButton(this, QStringLiteral("tlsKeyBrowse"))),
      m_fingerprintLabel(new QLabel(this)), m_fingerprint(new QLineEdit(this)),
      m_copy(new QPushButton(this)), m_pick(pickWithDialog)
{
    setObjectName(QStringLiteral("tlsServerBox"));
    m_toggle->setObjectName(QStringLiteral("serverTls"));
    m_source->setObjectName(QStringLiteral("tlsCertificateSource"));
    m_source->addItem(QString());
    m_source->addItem(QString());
    m_source->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_cert->setObjectName(QStringLiteral("tlsCertFile"));
    m_key->setObjectName(QStringLiteral("tlsKeyFile"));
    m_certLabel->setBuddy(m_cert);
    m_keyLabel->setBuddy(m_key);
    m_fingerprint->setObjectName(QStringLiteral("tlsFingerprint"));
    m_fingerprint->setReadOnly(true);
    m_copy->setObjectName(QStringLiteral("tlsCopyFingerprint"));

    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_source);
    row->addWidget(m_certLabel);
    row->addWidget(m_cert, 1);
    row->addWidget(m_certBrowse);
    row->addWidget(m_keyLabel);
    row->addWidget(m_key, 1);
    row->addWidget(m_keyBrowse);
    row->addWidget(m_fingerprintLabel);
    row->addWidget(m_fingerprint, 2);
    row->addWidget(m_copy);

    connect(m_toggle, &QCheckBox::toggled, this, [this] {
        updateVisibility();
        Q_EMIT changed();
    });
    connect(m_source, &QComboBox::currentIndexChanged, this, [this] {
        updateVisibility();
        Q_EMIT changed();
    });
    connect(m_cert, &QLineEdit::textChanged, this, &TlsServerBox::changed);
    connect(m_key, &QLineEdit::textChanged, this, &TlsServerBox::changed);
    connect(m_certBrowse, &QPushButton::clicked, this, [this] {
        const QString f = m_pick(this, tr("Server certificate (PEM)"), m_cert->text());
        if (!f.isEmpty()) {
            m_cert->setText(f);
        }
    });
    connect(m_keyBrowse, &QPushButton::clicked, this, [this] {
        const QString f = m_pick(this, tr("The certificate's private key (PEM)"), m_key->text());
        if (!f.isEmpty()) {
            m_key->setText(f);
        }
    });
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_fingerprint->text());
    });
    retranslate();
    updateVisibility();
}

QList<QWidget *> TlsServerBox::focusChain() const
{
    return {m_source, m_cert, m_certBrowse, m_key, m_keyBrowse, m_fingerprint, m_copy};
}

bool TlsServerBox::isOn() const
{
    return m_toggle->isChecked();
}

void TlsServerBox::setOn(bool on)
{
    m_toggle->setChecked(on);
}

QString TlsServerBox::certificateFile() const
{
    return m_source->currentIndex() == 1 ? m_cert->text().trimmed() : QString();
}

QString TlsServerBox::keyFile() const
{
    return m_source->currentIndex() == 1 ? m_key->text().trimmed() : QString();
}

void TlsServerBox::setFingerprint(const QString &fingerprint)
{
    m_fingerprint->setText(fingerprint);
    m_fingerprint->setCursorPosition(0);
    updateVisibility();
}

QString TlsServerBox::fingerprint() const
{
    return m_fingerprint->text();
}

void TlsServerBox::setLocked(bool locked)
{
    for (QWidget *w : std::initializer_list<QWidget *>{m_toggle, m_source, m_cert, m_certBrowse,
                                                       m_key, m_keyBrowse}) {
        w->setEnabled(!locked);
    }
}

void TlsServerBox::updateVisibility()
{
    const bool files = m_source->currentIndex() == 1;
    const bool listening = !m_fingerprint->text().isEmpty();
    setVisible(!m_toggle->isHidden() && m_toggle->isChecked());
    // Listening: the fingerprint takes the row (the files are locked meanwhile anyway).
    for (QWidget *w : std::initializer_list<QWidget *>{m_certLabel, m_cert, m_certBrowse,
                                                       m_keyLabel, m_key, m_keyBrowse}) {
        w->setVisible(files && !listening);
    }
    for (QWidget *w : std::initializer_list<QWidget *>{m_fingerprintLabel, m_fingerprint, m_copy}) {
        w->setVisible(listening);
    }
}

void TlsServerBox::retranslate()
{
    m_toggle->setText(tr("TLS"));
    m_toggle->setToolTip(tr("Serve over TLS (encrypted): clients connect with ssl, "
                            "ncat --ssl or openssl s_client"));
    m_source->setItemText(0, tr("StdLab's certificate for localhost"));
    m_source->setItemText(1, tr("My certificate and key"));
    m_source->setAccessibleName(tr("TLS certificate"));
    m_certLabel->setText(tr("Certificate:"));
    m_keyLabel->setText(tr("Key:"));
    m_certBrowse->setToolTip(tr("Choose the certificate file"));
    m_keyBrowse->setToolTip(tr("Choose the private key file"));
    m_fingerprintLabel->setText(tr("SHA-256:"));
    m_fingerprint->setToolTip(tr("The certificate's fingerprint: a client can pin it"));
    m_fingerprint->setAccessibleName(tr("SHA-256 fingerprint"));
    m_copy->setText(tr("Copy"));
}

void TlsServerBox::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    QWidget::changeEvent(event);
}

void TlsServerBox::saveSettings(QSettings &settings) const
{
    settings.setValue(QStringLiteral("serverTls"), m_toggle->isChecked());
    settings.setValue(QStringLiteral("serverTlsOwnFiles"), m_source->currentIndex() == 1);
    settings.setValue(QStringLiteral("serverTlsCert"), m_cert->text());
    settings.setValue(QStringLiteral("serverTlsKey"), m_key->text());
}

void TlsServerBox::restoreSettings(QSettings &settings)
{
    m_cert->setText(settings.value(QStringLiteral("serverTlsCert")).toString());
    m_key->setText(settings.value(QStringLiteral("serverTlsKey")).toString());
    m_source->setCurrentIndex(settings.value(QStringLiteral("serverTlsOwnFiles"), false).toBool()
                                  ? 1
                                  : 0);
    m_toggle->setChecked(settings.value(QStringLiteral("serverTls"), false).toBool());
    updateVisibility();
}

// --- TlsClientBox -------------------------------------------------------------------------

TlsClientBox::TlsClientBox(QWidget *parent)
    : QWidget(parent), m_toggle(new QCheckBox(parent)), m_verify(new QComboBox(this)),
      m_caFile(new QLineEdit(this)), m_browse(browseButton(this, QStringLiteral("tlsCaBrowse"))),
      m_fingerprint(new QLineEdit(this)), m_warning(new QLabel(this)), m_pick(pickWithDialog)
{
    setObjectName(QStringLiteral("tlsClientBox"));
    m_toggle->setObjectName(QStringLiteral("clientTls"));
    m_verify->setObjectName(QStringLiteral("tlsVerify"));
    for (auto v : {TlsClientOptions::Verify::SystemCAs, TlsClientOptions::Verify::CaFile,
                   TlsClientOptions::Verify::Fingerprint, TlsClientOptions::Verify::Insecure}) {
        m_verify->addItem(QString(), int(v));
    }
    m_verify->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_caFile->setObjectName(QStringLiteral("tlsCaFile"));
    m_fingerprint->setObjectName(QStringLiteral("tlsPin"));
    m_warning->setObjectName(QStringLiteral("tlsInsecureWarning"));
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_verify);
    row->addWidget(m_caFile, 1);
    row->addWidget(m_browse);
    row->addWidget(m_fingerprint, 1);
    row->addWidget(m_warning, 1);
    connect(m_toggle, &QCheckBox::toggled, this, [this] {
        updateVisibility();
        Q_EMIT changed();
    });
    connect(m_verify, &QComboBox::currentIndexChanged, this, [this] {
        updateVisibility();
        Q_EMIT changed();
    });
    connect(m_caFile, &QLineEdit::textChanged, this, &TlsClientBox::changed);
    connect(m_fingerprint, &QLineEdit::textChanged, this, &TlsClientBox::changed);
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString f = m_pick(this, tr("Certificate to trust (PEM)"), m_caFile->text());
        if (!f.isEmpty()) {
            m_caFile->setText(f);
        }
    });
    retranslate();
    updateVisibility();
}

QList<QWidget *> TlsClientBox::focusChain() const
{
    return {m_verify, m_caFile, m_browse, m_fingerprint};
}

TlsClientOptions TlsClientBox::options() const
{
    TlsClientOptions o;
    o.enabled = m_toggle->isChecked();
    o.verify = TlsClientOptions::Verify(m_verify->currentData().toInt());
    o.caFile = m_caFile->text().trimmed();
    o.fingerprint = stdlab::net::normalizedFingerprint(m_fingerprint->text())
                        .value_or(m_fingerprint->text().trimmed());
    o.advice = TlsClientOptions::Advice::ChatTab;
    return o;
}

void TlsClientBox::setOptions(const TlsClientOptions &o)
{
    m_caFile->setText(o.caFile);
    m_fingerprint->setText(o.fingerprint);
    m_verify->setCurrentIndex(std::max(0, m_verify->findData(int(o.verify))));
    m_toggle->setChecked(o.enabled);
    updateVisibility();
}

QString TlsClientBox::problem() const
{
    if (!m_toggle->isChecked()) {
        return {};
    }
    switch (TlsClientOptions::Verify(m_verify->currentData().toInt())) {
    case TlsClientOptions::Verify::CaFile:
        return m_caFile->text().trimmed().isEmpty()
            ? tr("Choose the CA file: the server's certificate (a StdLab window's own for "
                 "localhost is %1).")
                  .arg(stdlab::chat::ChatSession::tlsDirectory()
                       + QStringLiteral("/localhost-cert.pem"))
            : QString();
    case TlsClientOptions::Verify::Fingerprint:
        return stdlab::net::normalizedFingerprint(m_fingerprint->text())
            ? QString()
            : tr("The pinned fingerprint must be a SHA-256 one: 64 hexadecimal digits, colons "
                 "optional (the server shows it).");
    case TlsClientOptions::Verify::SystemCAs:
    case TlsClientOptions::Verify::Insecure:
        break;
    }
    return {};
}

void TlsClientBox::setLocked(bool locked)
{
    for (QWidget *w : std::initializer_list<QWidget *>{m_toggle, m_verify, m_caFile, m_browse,
                                                       m_fingerprint}) {
        w->setEnabled(!locked);
    }
}

void TlsClientBox::updateVisibility()
{
    setVisible(!m_toggle->isHidden() && m_toggle->isChecked());
    const auto v = TlsClientOptions::Verify(m_verify->currentData().toInt());
    m_caFile->setVisible(v == TlsClientOptions::Verify::CaFile);
    m_browse->setVisible(v == TlsClientOptions::Verify::CaFile);
    m_fingerprint->setVisible(v == TlsClientOptions::Verify::Fingerprint);
    m_warning->setVisible(v == TlsClientOptions::Verify::Insecure);
}

void TlsClientBox::retranslate()
{
    m_toggle->setText(tr("TLS"));
    m_toggle->setToolTip(tr("Connect over TLS (encrypted), as ssl.wrap_socket does"));
    m_verify->setItemText(0, tr("Trust the system's CAs"));
    m_verify->setItemText(1, tr("Trust a CA file"));
    m_verify->setItemText(2, tr("Pinned fingerprint"));
    m_verify->setItemText(3, tr("Don't verify (insecure)"));
    m_verify->setAccessibleName(tr("How to trust the server"));
    m_caFile->setAccessibleName(tr("CA file"));
    m_fingerprint->setAccessibleName(tr("Pinned fingerprint"));
    m_caFile->setPlaceholderText(tr("CA file (PEM), e.g. the server's certificate"));
    m_browse->setToolTip(tr("Choose the CA file"));
    m_fingerprint->setPlaceholderText(tr("SHA-256 fingerprint, e.g. AB:CD:…"));
    m_warning->setText(tr("Encrypted, but anyone may be at the other end."));
}

void TlsClientBox::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    QWidget::changeEvent(event);
}

void TlsClientBox::saveSettings(QSettings &settings) const
{
    const TlsClientOptions o = options();
    settings.setValue(QStringLiteral("clientTls"), o.enabled);
    settings.setValue(QStringLiteral("clientTlsVerify"), int(o.verify));
    settings.setValue(QStringLiteral("clientTlsCaFile"), m_caFile->text());
    settings.setValue(QStringLiteral("clientTlsFingerprint"), m_fingerprint->text());
}

void TlsClientBox::restoreSettings(QSettings &settings)
{
    TlsClientOptions o;
    o.enabled = settings.value(QStringLiteral("clientTls"), false).toBool();
    const int v = settings.value(QStringLiteral("clientTlsVerify"), 0).toInt();
    o.verify = v >= 0 && v <= int(TlsClientOptions::Verify::Insecure) ? TlsClientOptions::Verify(v)
                                                                     : TlsClientOptions::Verify::SystemCAs;
    o.caFile = settings.value(QStringLiteral("clientTlsCaFile")).toString();
    o.fingerprint = settings.value(QStringLiteral("clientTlsFingerprint")).toString();
    setOptions(o);
}
