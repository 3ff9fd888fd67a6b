#include "files/pathtools.h"

#include "common/pyrepr.h"
#include "files/os.h"
#include "files/posixpath.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QResizeEvent>
#include <QVBoxLayout>

using namespace stdlab;
using namespace stdlab::files;

namespace {
const char *const kFunctions[] = {"join",    "basename", "dirname", "split",  "splitext",
                                  "abspath", "normpath", "exists",  "isfile", "isdir",
                                  "islink"};
}

PathTools::PathTools(QWidget *parent)
    : QWidget(parent)
    , m_pathEdit(new QLineEdit(this))
    , m_joinEdit(new QLineEdit(this))
    , m_results(new QFormLayout)
{
    setObjectName(QStringLiteral("pathTools"));
    m_pathEdit->setObjectName(QStringLiteral("pathToolsPath"));
    m_joinEdit->setObjectName(QStringLiteral("pathToolsJoin"));
    m_pathEdit->setPlaceholderText(tr("A path, e.g. mi_directorio/mi_archivo.txt"));
    m_joinEdit->setPlaceholderText(tr("Joined to the path"));
    m_pathEdit->setClearButtonEnabled(true);
    m_joinEdit->setClearButtonEnabled(true);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *title = new QLabel(tr("<b>Path tools</b> (os.path)"), this);
    title->setObjectName(QStringLiteral("pathToolsTitle"));
    title->setWordWrap(true);
    layout->addWidget(title);
    auto *inputs = new QFormLayout;
    m_inputs = inputs;
    inputs->addRow(tr("p ="), m_pathEdit);
    inputs->addRow(tr("q ="), m_joinEdit);
    layout->addLayout(inputs);
    m_results->setLabelAlignment(Qt::AlignRight);
    m_results->setRowWrapPolicy(QFormLayout::DontWrapRows);
    m_results->setVerticalSpacing(3);
    for (const char *function : kFunctions) {
        const QString name = QLatin1String(function);
        const QString call = name == QLatin1String("join") ? QStringLiteral("join(p, q)")
                                                            : name + QStringLiteral("(p)");
        auto *label = new QLabel(call, this);
        label->setFont(mono);
        // The palette's own text colour (a disabled label is very light grey on a light theme
        // and low-contrast in high-contrast ones); the monospace font sets it apart.
        auto *value = new QLabel(this);
        value->setObjectName(QStringLiteral("pathTools_") + name);
        value->setFont(mono);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        value->setWordWrap(true);
        value->setMinimumWidth(1);
        m_results->addRow(label, value);
        m_rows.append({name, value});
    }
    layout->addLayout(m_results);
    layout->addStretch();
    m_labelWidth = QFontMetrics(mono).horizontalAdvance(QStringLiteral("splitext(p)"));
    m_valueWidth = QFontMetrics(mono).averageCharWidth() * MinValueChars;

    connect(m_pathEdit, &QLineEdit::textChanged, this, &PathTools::recompute);
    connect(m_joinEdit, &QLineEdit::textChanged, this, &PathTools::recompute);
    m_pathEdit->setText(QStringLiteral("mi_directorio/mi_archivo.txt"));
    m_joinEdit->setText(QStringLiteral("copia.txt"));
}

void PathTools::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    updateRowWrap();
}

void PathTools::updateRowWrap()
{
    // At 800x600 the section is ~190 px wide: beside their labels the results were ten
    // characters wide and broke 'mi_directorio/mi_archivo.txt' over three lines. Too narrow
    // for both, each result goes under its call, with the section's whole width.
    const int spacing = m_results->horizontalSpacing() > 0 ? m_results->horizontalSpacing() : 6;
    const bool narrow = width() < m_labelWidth + spacing + m_valueWidth;
    const auto policy = narrow ? QFormLayout::WrapAllRows : QFormLayout::DontWrapRows;
    if (m_results->rowWrapPolicy() != policy) {
        m_results->setRowWrapPolicy(policy);
        m_inputs->setRowWrapPolicy(narrow ? QFormLayout::WrapLongRows : QFormLayout::DontWrapRows);
        m_results->setLabelAlignment(narrow ? Qt::AlignLeft : Qt::AlignRight);
        // Under its call, a result is indented so that calls and results read apart.
        for (const auto &[name, value] : std::as_const(m_rows)) {
            value->setIndent(narrow ? value->fontMetrics().averageCharWidth() * 2 : -1);
        }
    }
}

bool PathTools::resultsBesideCalls() const
{
    return m_results->rowWrapPolicy() == QFormLayout::DontWrapRows;
}

QString PathTools::path() const
{
    return m_pathEdit->text();
}

void PathTools::setPath(const QString &path)
{
    m_pathEdit->setText(path);
}

QString PathTools::joinPart() const
{
    return m_joinEdit->text();
}

void PathTools::setJoinPart(const QString &part)
{
    m_joinEdit->setText(part);
}

void PathTools::setWorkingDirectory(const QString &directory)
{
    if (directory != m_workingDirectory) {
        m_workingDirectory = directory;
        recompute();
    }
}

QString PathTools::result(const QString &function) const
{
    for (const auto &[name, label] : m_rows) {
        if (name == function) {
            return label->text();
        }
    }
    return {};
}

void PathTools::recompute()
{
    const QString p = m_pathEdit->text();
    const QString q = m_joinEdit->text();
    const Os os(m_workingDirectory);
    auto pair = [](const std::pair<QString, QString> &v) {
        return py::tuple({py::repr(v.first), py::repr(v.second)});
    };
    m_lines.clear();
    for (const auto &[name, label] : m_rows) {
        // value: as the REPL echoes it (repr); printed: what print() writes.
        QString value;
        QString printed;
        auto text = [&](const QString &s) {
            value = py::repr(s);
            printed = s;
        };
        auto other = [&](const QString &r) { value = printed = r; };
        if (name == QLatin1String("join")) {
            text(posixpath::join(p, q));
        } else if (name == QLatin1String("basename")) {
            text(posixpath::basename(p));
        } else if (name == QLatin1String("dirname")) {
            text(posixpath::dirname(p));
        } else if (name == QLatin1String("split")) {
            other(pair(posixpath::split(p)));
        } else if (name == QLatin1String("splitext")) {
            other(pair(posixpath::splitext(p)));
        } else if (name == QLatin1String("abspath")) {
            text(posixpath::abspath(p, m_workingDirectory));
        } else if (name == QLatin1String("normpath")) {
            text(posixpath::normpath(p));
        } else if (name == QLatin1String("exists")) {
            other(py::reprBool(os.exists(p)));
        } else if (name == QLatin1String("isfile")) {
            other(py::reprBool(os.isfile(p)));
        } else if (name == QLatin1String("isdir")) {
            other(py::reprBool(os.isdir(p)));
        } else if (name == QLatin1String("islink")) {
            other(py::reprBool(os.islink(p)));
        }
        label->setText(value);
        const QString call = name == QLatin1String("join") ? QStringLiteral("join(p, q)")
                                                            : name + QStringLiteral("(p)");
        m_lines.append({QStringLiteral("os.path.") + call, printed});
    }
    Q_EMIT changed();
}

QString PathTools::pythonCode() const
{
    QString code = QStringLiteral("import os\n\n");
    if (!m_workingDirectory.isEmpty()) {
        code += QStringLiteral("os.chdir(%1)\n").arg(py::repr(m_workingDirectory));
    }
    code += QStringLiteral("p = %1\nq = %2\n").arg(py::repr(m_pathEdit->text()),
                                                  py::repr(m_joinEdit->text()));
    for (const auto &[expression, value] : m_lines) {
        code += QStringLiteral("print(%1)  # %2\n").arg(expression, value.simplified());
    }
    return code;
}
