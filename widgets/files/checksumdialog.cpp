#include "checksumdialog.h"

#include "common/pyrepr.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent>

using namespace stdlab::files;

namespace {

bool isHex(const QString &s)
{
    if (s.isEmpty()) {
        return false;
    }
    for (const QChar c : s) {
        if (!c.isDigit() && !(c.toLower() >= QLatin1Char('a') && c.toLower() <= QLatin1Char('f'))) {
            return false;
        }
    }
    return true;
}

} // namespace

ChecksumDialog::ChecksumDialog(const QString &folder, const QStringList &paths, QWidget *parent)
    : QDialog(parent), m_folder(folder), m_paths(paths)
{
    setWindowTitle(tr("Checksums"));
    const QDir dir(folder);
    for (const QString &p : paths) {
        m_names << dir.relativeFilePath(p);
    }
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_algorithm = new QComboBox(this);
    m_algorithm->setObjectName(QStringLiteral("algorithm"));
    m_algorithm->addItems(hashAlgorithmNames());
    m_algorithm->setCurrentText(QStringLiteral("sha256"));
    form->addRow(tr("Algorithm (hashlib):"), m_algorithm);
    layout->addLayout(form);

    m_table = new QTableWidget(int(paths.size()), 3, this);
    m_table->setObjectName(QStringLiteral("digests"));
    m_table->setHorizontalHeaderLabels({tr("File"), tr("Digest"), tr("Compared")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    for (int row = 0; row < m_names.size(); ++row) {
        m_table->setItem(row, 0, new QTableWidgetItem(m_names.at(row)));
        m_table->setItem(row, 1, new QTableWidgetItem);
        m_table->setItem(row, 2, new QTableWidgetItem);
    }
    layout->addWidget(m_table, 2);

    auto *progressRow = new QHBoxLayout;
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, int(paths.size()));
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->setObjectName(QStringLiteral("cancel"));
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_cancelButton);
    layout->addLayout(progressRow);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    layout->addWidget(new QLabel(tr("Compare with a hash, or paste a SHA256SUMS file:"), this));
    m_expected = new QPlainTextEdit(this);
    m_expected->setObjectName(QStringLiteral("expected"));
    m_expected->setPlaceholderText(tr("e.g. 9f86d081…  or  9f86d081…  name.txt (one a line)"));
    m_expected->setMaximumHeight(90);
    layout->addWidget(m_expected);

    m_code = new QPlainTextEdit(this);
    m_code->setObjectName(QStringLiteral("pythonCode"));
    m_code->setReadOnly(true);
    m_code->setMaximumHeight(130);
    layout->addWidget(m_code);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *load = buttons->addButton(tr("Load SUMS File…"), QDialogButtonBox::ActionRole);
    m_copyButton = buttons->addButton(tr("Copy as sha256sum"), QDialogButtonBox::ActionRole);
    m_copyButton->setObjectName(QStringLiteral("copySums"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(load, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Load SUMS File"), m_folder);
        QFile f(file);
        if (!file.isEmpty() && f.open(QIODevice::ReadOnly)) {
            m_expected->setPlainText(QString::fromUtf8(f.read(1 << 20)));
        }
    });
    connect(m_copyButton, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(sumsText()); });
    connect(m_cancelButton, &QPushButton::clicked, this, &ChecksumDialog::cancel);
    connect(m_algorithm, &QComboBox::currentTextChanged, this, &ChecksumDialog::start);
    connect(m_expected, &QPlainTextEdit::textChanged, this, &ChecksumDialog::compare);
    m_timer = new QTimer(this);
    m_timer->setInterval(100);
    connect(m_timer, &QTimer::timeout, this, &ChecksumDialog::showProgress);
    resize(720, 520);
    start();
}

ChecksumDialog::~ChecksumDialog()
{
    if (m_cancel) {
        *m_cancel = true;
    }
    if (m_watcher) {
        m_watcher->disconnect(this);
        m_watcher->waitForFinished();
    }
}

QString ChecksumDialog::algorithm() const
{
    return m_algorithm->currentText();
}

void ChecksumDialog::setAlgorithm(const QString &name)
{
    m_algorithm->setCurrentText(name);
}

void ChecksumDialog::setExpected(const QString &text)
{
    m_expected->setPlainText(text);
}

bool ChecksumDialog::isDone() const
{
    return !m_running;
}

QString ChecksumDialog::nameAt(int row) const
{
    return m_table->item(row, 0)->text();
}

QString ChecksumDialog::digestAt(int row) const
{
    return m_table->item(row, 1)->text();
}

QString ChecksumDialog::resultAt(int row) const
{
    return m_table->item(row, 2)->text();
}

QStringList ChecksumDialog::missing() const
{
    return m_missing;
}

QString ChecksumDialog::status() const
{
    return m_status->text();
}

QString ChecksumDialog::sumsText() const
{
    QString text;
    for (int row = 0; row < m_results.size(); ++row) {
        if (m_results.at(row).ok()) {
            text += QString::fromLatin1(m_results.at(row).hex) + QLatin1String("  ")
                + m_names.at(row) + QLatin1Char('\n');
        }
    }
    return text;
}

QString ChecksumDialog::pythonCode() const
{
    QStringList names;
    for (const QString &n : m_names) {
        names << stdlab::py::literal(n);
    }
    return QStringLiteral("import hashlib\nimport os\n\nos.chdir(%1)\n"
                          "for name in [%2]:\n"
                          "    with open(name, \"rb\") as f:\n"
                          "        print(hashlib.file_digest(f, %3).hexdigest(), name, sep=\"  \")\n")
        .arg(stdlab::py::literal(m_folder), names.join(QStringLiteral(", ")), stdlab::py::literal(algorithm()));
}

void ChecksumDialog::cancel()
{
    if (m_cancel) {
        *m_cancel = true;
    }
}

void ChecksumDialog::start()
{
    if (m_cancel) {
        *m_cancel = true; // the previous algorithm's run
    }
    if (m_watcher) {
        m_watcher->disconnect(this);
        m_watcher->waitForFinished();
        m_watcher->deleteLater();
    }
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_done = std::make_shared<std::atomic<int>>(0);
    m_results.clear();
    m_running = true;
    m_cancelled = false;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        m_table->item(row, 1)->setText(QString());
        m_table->item(row, 2)->setText(QString());
    }
    m_code->setPlainText(pythonCode());
    m_cancelButton->setEnabled(true);
    m_copyButton->setEnabled(false);
    m_progress->setValue(0);
    m_status->setText(tr("Hashing %n file(s)…", nullptr, int(m_paths.size())));
    const auto algo = hashAlgorithm(algorithm()).value_or(QCryptographicHash::Sha256);
    m_watcher = new QFutureWatcher<QList<DigestResult>>(this);
    connect(m_watcher, &QFutureWatcherBase::finished, this, [this] {
        m_results = m_watcher->result();
        m_running = false;
        m_timer->stop();
        m_cancelled = m_cancel->load();
        m_cancelButton->setEnabled(false);
        m_progress->setValue(int(m_paths.size()));
        int failed = 0;
        for (int row = 0; row < m_results.size(); ++row) {
            const DigestResult &r = m_results.at(row);
            failed += r.ok() ? 0 : 1;
            m_table->item(row, 1)->setText(r.ok() ? QString::fromLatin1(r.hex)
                                               : r.cancelled ? tr("cancelled")
                                                             : r.exception + QLatin1String(": ")
                                                       + r.message);
        }
        m_copyButton->setEnabled(!m_cancelled && failed < m_results.size());
        m_status->setText(m_cancelled ? tr("Cancelled: the files not hashed are marked.")
                          : failed    ? tr("%n file(s) could not be read.", nullptr, failed)
                                      : tr("%n file(s) hashed.", nullptr, int(m_results.size())));
        compare();
        Q_EMIT finished();
    });
    const QStringList paths = m_paths;
    const auto cancelFlag = m_cancel;
    const auto done = m_done;
    m_watcher->setFuture(QtConcurrent::run([paths, algo, cancelFlag, done] {
        QList<DigestResult> results;
        for (const QString &p : paths) {
            DigestResult r;
            if (cancelFlag->load()) {
                r.cancelled = true;
            } else {
                r = fileDigest(p, algo, cancelFlag.get());
            }
            results << r;
            ++*done;
        }
        return results;
    }));
    m_timer->start();
}

void ChecksumDialog::showProgress()
{
    if (m_done) {
        m_progress->setValue(m_done->load());
    }
}

void ChecksumDialog::compare()
{
    m_missing.clear();
    for (int row = 0; row < m_table->rowCount(); ++row) {
        m_table->item(row, 2)->setText(QString());
        m_table->item(row, 2)->setForeground(QBrush());
    }
    const QString text = m_expected->toPlainText().trimmed();
    if (text.isEmpty() || m_running) {
        return;
    }
    const auto mark = [this](int row, bool ok) {
        QTableWidgetItem *item = m_table->item(row, 2);
        item->setText(ok ? tr("OK") : tr("FAILED"));
        item->setForeground(ok ? QColor(0x1b, 0x7f, 0x3b) : QColor(0xc0, 0x1c, 0x28));
    };
    if (isHex(text)) {
        // One pasted hash: which of the files has it.
        for (int row = 0; row < m_results.size(); ++row) {
            if (m_results.at(row).ok()) {
                mark(row, QString::fromLatin1(m_results.at(row).hex) == text.toLower());
            }
        }
        return;
    }
    const SumsFile sums = parseSums(text.toUtf8());
    for (const SumsEntry &e : sums.entries) {
        const qsizetype row = m_names.indexOf(e.path);
        if (row < 0 || row >= m_results.size()) {
            m_missing << tr("%1: not among the files").arg(e.path);
            continue;
        }
        if (m_results.at(row).ok()) {
            mark(int(row), m_results.at(row).hex == e.hex.toLower());
        }
    }
    if (sums.improper > 0) {
        m_missing << tr("%n line(s) are not \"HEX  NAME\"", nullptr, sums.improper);
    }
    if (!m_missing.isEmpty()) {
        m_status->setText(m_missing.join(QLatin1Char('\n')));
    }
}
