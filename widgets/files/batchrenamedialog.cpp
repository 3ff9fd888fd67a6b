#include "batchrenamedialog.h"

#include "common/pyrepr.h"
#include "files/fspath.h"
#include "files/posixpath.h"
#include "files/pythoncode.h"
#include "regex/pyregex.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

using namespace stdlab;
using namespace stdlab::files;

namespace {
/// Typing pauses this long before the preview follows (each preview lstat()s every name).
constexpr int kDebounceMs = 150;
} // namespace

BatchRenameDialog::BatchRenameDialog(const QString &folder, const QStringList &names,
                                     QWidget *parent)
    : QDialog(parent), m_folder(folder), m_names(names)
{
    setWindowTitle(tr("Rename with re.sub"));
    setObjectName(QStringLiteral("batchRenameDialog"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_pattern = new QLineEdit(this);
    m_pattern->setObjectName(QStringLiteral("patternEdit"));
    m_pattern->setPlaceholderText(tr("e.g. ^IMG_(\\d+)"));
    m_replacement = new QLineEdit(this);
    m_replacement->setObjectName(QStringLiteral("replacementEdit"));
    m_replacement->setPlaceholderText(tr("e.g. photo-\\1 (\\1, \\g<name>, \\g<0>)"));
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_pattern->setFont(mono);
    m_replacement->setFont(mono);
    form->addRow(tr("Pattern:"), m_pattern);
    form->addRow(tr("Replacement:"), m_replacement);
    auto *flags = new QHBoxLayout;
    m_ignoreCase = new QCheckBox(tr("Ignore case (re.IGNORECASE)"), this);
    m_ignoreCase->setObjectName(QStringLiteral("ignoreCaseBox"));
    m_ascii = new QCheckBox(tr("ASCII only (re.ASCII)"), this);
    m_ascii->setObjectName(QStringLiteral("asciiBox"));
    flags->addWidget(m_ignoreCase);
    flags->addWidget(m_ascii);
    flags->addStretch();
    form->addRow(tr("Flags:"), flags);
    layout->addLayout(form);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    m_table = new QTableWidget(0, 3, splitter);
    m_table->setObjectName(QStringLiteral("previewTable"));
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("New name"), tr("Note")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_code = new QPlainTextEdit(splitter);
    m_code->setObjectName(QStringLiteral("codeView"));
    m_code->setReadOnly(true);
    m_code->setFont(mono);
    m_code->setLineWrapMode(QPlainTextEdit::NoWrap);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("summaryLabel"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Rename"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);

    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDebounceMs);
    connect(m_debounce, &QTimer::timeout, this, &BatchRenameDialog::updatePreview);
    const auto later = [this] { m_debounce->start(); };
    connect(m_pattern, &QLineEdit::textChanged, this, later);
    connect(m_replacement, &QLineEdit::textChanged, this, later);
    connect(m_ignoreCase, &QCheckBox::toggled, this, later);
    connect(m_ascii, &QCheckBox::toggled, this, later);
    resize(720, 560);
    updatePreview();
}

BatchRenameRequest BatchRenameDialog::request() const
{
    BatchRenameRequest r;
    r.pattern = m_pattern->text();
    r.replacement = m_replacement->text();
    r.flags = (m_ignoreCase->isChecked() ? re::IGNORECASE : 0)
        | (m_ascii->isChecked() ? re::ASCII : 0);
    return r;
}

void BatchRenameDialog::setRequest(const BatchRenameRequest &request)
{
    m_pattern->setText(request.pattern);
    m_replacement->setText(request.replacement);
    m_ignoreCase->setChecked(request.flags & re::IGNORECASE);
    m_ascii->setChecked(request.flags & re::ASCII);
    updatePreview();
}

QString BatchRenameDialog::pythonCode() const
{
    const BatchRenameRequest r = request();
    return python::program(QStringLiteral("os.chdir(%1)\n").arg(py::literal(m_folder))
                           + python::batchRename(QStringLiteral("."), m_names, r.pattern,
                                                 r.replacement, r.flags));
}

QString BatchRenameDialog::noteFor(const RenameItem &item)
{
    using Problem = RenameItem::Problem;
    switch (item.problem) {
    case Problem::None:
        break;
    case Problem::Missing:
        return tr("no longer there");
    case Problem::InvalidName:
        return tr("not a valid name (empty, '.', '..', a '/' or over 255 bytes)");
    case Problem::SameNewName:
        return tr("collision: another file gets or keeps this name");
    case Problem::TargetExists:
        return tr("collision: a file that is not renamed has this name");
    case Problem::Duplicate:
        return tr("selected twice");
    }
    if (!item.changes()) {
        return tr("unchanged");
    }
    return item.caseOnly ? tr("case only: the same name on Windows, macOS and FAT drives")
                         : QString();
}

void BatchRenameDialog::updatePreview()
{
    m_debounce->stop();
    const BatchRenameRequest r = request();
    QStringList paths;
    for (const QString &name : std::as_const(m_names)) {
        paths << posixpath::join(m_folder, name);
    }
    m_plan = r.pattern.isEmpty() ? RenamePlan() : planRenames(paths, r.pattern, r.replacement,
                                                              r.flags);
    m_table->setRowCount(int(m_names.size()));
    for (int row = 0; row < m_names.size(); ++row) {
        const RenameItem *item = row < m_plan.items.size() ? &m_plan.items.at(row) : nullptr;
        const QString newName = item ? item->newName : m_names.at(row);
        auto *oldCell = new QTableWidgetItem(displayName(m_names.at(row)));
        auto *newCell = new QTableWidgetItem(displayName(newName));
        auto *note = new QTableWidgetItem(item ? noteFor(*item) : QString());
        if (item && item->problem != RenameItem::Problem::None) {
            const QColor bad(0xff, 0xd6, 0xd6); // readable in light and dark palettes
            for (QTableWidgetItem *cell : {oldCell, newCell, note}) {
                cell->setBackground(bad);
                cell->setForeground(QColor(Qt::black));
            }
        } else if (!item || !item->changes()) {
            newCell->setForeground(palette().color(QPalette::PlaceholderText));
        }
        m_table->setItem(row, 0, oldCell);
        m_table->setItem(row, 1, newCell);
        m_table->setItem(row, 2, note);
    }
    m_table->resizeColumnToContents(0);
    m_table->resizeColumnToContents(1);
    QString summary;
    if (!m_plan.error.isEmpty()) {
        summary = QStringLiteral("re.error: ") + m_plan.error;
    } else if (r.pattern.isEmpty()) {
        summary = tr("Type a pattern: each name becomes re.sub(pattern, replacement, name).");
    } else {
        summary = tr("%n file(s) to rename", nullptr, int(m_plan.renameCount()));
        if (m_plan.problemCount() > 0) {
            summary += QStringLiteral("; ")
                + tr("%n name(s) cannot be used: nothing will be renamed", nullptr,
                     int(m_plan.problemCount()));
        }
    }
    m_summary->setText(summary);
    m_buttons->button(QDialogButtonBox::Ok)
        ->setEnabled(m_plan.canApply() && m_plan.renameCount() > 0);
    m_code->setPlainText(r.pattern.isEmpty() ? QString() : pythonCode());
    Q_EMIT previewUpdated();
}
