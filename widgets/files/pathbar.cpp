#include "files/pathbar.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QDir>
#include <QFileSystemModel>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QStackedWidget>
#include <QStyle>
#include <QToolButton>

PathBar::PathBar(QWidget *parent)
    : QWidget(parent)
    , m_stack(new QStackedWidget(this))
    , m_crumbs(new QWidget(this))
    , m_crumbLayout(new QHBoxLayout(m_crumbs))
    , m_overflow(new QToolButton(m_crumbs))
    , m_edit(new QLineEdit(this))
    , m_editButton(new QToolButton(this))
{
    setObjectName(QStringLiteral("pathBar"));
    m_edit->setObjectName(QStringLiteral("pathEdit"));
    m_edit->setClearButtonEnabled(true);
    m_edit->installEventFilter(this);
    auto *completer = new QCompleter(this);
    auto *dirs = new QFileSystemModel(completer);
    dirs->setFilter(QDir::AllDirs | QDir::NoDotAndDotDot | QDir::Hidden);
    dirs->setRootPath(QString());
    completer->setModel(dirs);
    completer->setCompletionMode(QCompleter::PopupCompletion);
    m_edit->setCompleter(completer);
    connect(m_edit, &QLineEdit::returnPressed, this, [this] {
        const QString text = m_edit->text().trimmed();
        stopEditing();
        if (!text.isEmpty()) {
            Q_EMIT pathRequested(text);
        }
    });

    m_crumbLayout->setContentsMargins(2, 0, 2, 0);
    m_crumbLayout->setSpacing(0);
    m_overflow->setObjectName(QStringLiteral("crumbOverflow"));
    m_overflow->setText(QStringLiteral("…"));
    m_overflow->setAutoRaise(true);
    m_overflow->setPopupMode(QToolButton::InstantPopup);
    m_overflow->setToolTip(tr("Folders above"));
    m_overflow->hide();
    m_crumbLayout->addWidget(m_overflow);
    m_crumbLayout->addStretch(1);

    m_stack->addWidget(m_crumbs);
    m_stack->addWidget(m_edit);
    m_crumbs->setAutoFillBackground(true);
    m_crumbs->setBackgroundRole(QPalette::Base);

    m_editButton->setObjectName(QStringLiteral("pathEditButton"));
    m_editButton->setIcon(QIcon::fromTheme(QStringLiteral("document-edit"),
                                           style()->standardIcon(QStyle::SP_FileDialogDetailedView)));
    m_editButton->setAutoRaise(true);
    m_editButton->setToolTip(tr("Type a location (Ctrl+L)"));
    m_editButton->setAccessibleName(tr("Type a location"));
    m_edit->setAccessibleName(tr("Location"));
    connect(m_editButton, &QToolButton::clicked, this,
            [this] { isEditing() ? stopEditing() : startEditing(); });

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_editButton);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_stack->setFixedHeight(m_edit->sizeHint().height() + 2);
}

void PathBar::setPath(const QString &path)
{
    if (path == m_path) {
        return;
    }
    m_path = path;
    m_edit->setText(path);
    rebuildCrumbs();
}

bool PathBar::isEditing() const
{
    return m_stack->currentWidget() == m_edit;
}

QStringList PathBar::crumbPaths() const
{
    QStringList paths;
    for (const QToolButton *button : m_buttons) {
        paths << button->property("path").toString();
    }
    return paths;
}

void PathBar::startEditing()
{
    m_edit->setText(m_path);
    m_stack->setCurrentWidget(m_edit);
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

void PathBar::stopEditing()
{
    m_stack->setCurrentWidget(m_crumbs);
}

void PathBar::rebuildCrumbs()
{
    qDeleteAll(m_buttons);
    m_buttons.clear();
    QStringList paths;
    QString p = QDir::cleanPath(m_path);
    while (!p.isEmpty()) {
        paths.prepend(p);
        if (p == QLatin1String("/")) {
            break;
        }
        const qsizetype slash = p.lastIndexOf(QLatin1Char('/'));
        p = slash <= 0 ? QStringLiteral("/") : p.left(slash);
    }
    const QString home = QDir::homePath();
    int insertAt = 1; // after the overflow button
    for (const QString &crumb : paths) {
        auto *button = new QToolButton(m_crumbs);
        const bool last = crumb == paths.last();
        QString text = crumb == QLatin1String("/") ? QStringLiteral("/")
                                                   : crumb.section(QLatin1Char('/'), -1);
        if (crumb == home) {
            button->setIcon(QIcon::fromTheme(QStringLiteral("user-home")));
            button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        }
        // Crumbs read "/ › home › user"; the last one is where we are, in bold.
        button->setText(crumb == QLatin1String("/") || last ? text : text + QStringLiteral("  ›"));
        button->setAutoRaise(true);
        button->setProperty("path", crumb);
        button->setToolTip(crumb);
        button->setObjectName(QStringLiteral("crumb"));
        if (last) {
            QFont bold = button->font();
            bold.setBold(true);
            button->setFont(bold);
        }
        connect(button, &QToolButton::clicked, this, [this, crumb] { Q_EMIT pathRequested(crumb); });
        m_crumbLayout->insertWidget(insertAt++, button);
        m_buttons << button;
    }
    fitCrumbs();
}

void PathBar::fitCrumbs()
{
    // Show the deepest crumbs that fit; the ones above go to the "…" menu.
    int available = m_stack->width() - 8;
    const int overflowWidth = m_overflow->sizeHint().width();
    int used = 0;
    int firstShown = int(m_buttons.size());
    for (int i = int(m_buttons.size()) - 1; i >= 0; --i) {
        const int w = m_buttons[i]->sizeHint().width();
        const int reserve = i > 0 ? overflowWidth : 0;
        if (i != int(m_buttons.size()) - 1 && used + w + reserve > available) {
            break;
        }
        used += w;
        firstShown = i;
    }
    auto *menu = new QMenu(m_overflow);
    for (int i = 0; i < int(m_buttons.size()); ++i) {
        const bool shown = i >= firstShown;
        m_buttons[i]->setVisible(shown);
        if (!shown) {
            const QString path = m_buttons[i]->property("path").toString();
            menu->addAction(path, this, [this, path] { Q_EMIT pathRequested(path); });
        }
    }
    delete m_overflow->menu();
    m_overflow->setMenu(menu);
    m_overflow->setVisible(firstShown > 0);
}

void PathBar::mousePressEvent(QMouseEvent *event)
{
    // A click on the empty part of the bar edits the path, as in Dolphin.
    if (!isEditing() && event->button() == Qt::LeftButton) {
        startEditing();
        return;
    }
    QWidget::mousePressEvent(event);
}

void PathBar::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitCrumbs();
}

bool PathBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit) {
        if (event->type() == QEvent::KeyPress
            && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
            stopEditing();
            return true;
        }
        if (event->type() == QEvent::FocusOut && !m_edit->completer()->popup()->isVisible()) {
            stopEditing();
        }
    }
    return QWidget::eventFilter(watched, event);
}
