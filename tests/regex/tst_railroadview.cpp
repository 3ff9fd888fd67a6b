// RailroadView: paints a railroad diagram, zooms, reports the pattern span under the mouse and
// marks a span given from outside; image() for the PNG export.
#include "regex/railroadview.h"

#include <QPainter>
#include <QSignalSpy>
#include <QtTest>

using namespace stdlab;

class tst_RailroadView : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void sizeFollowsTheZoom();
    void ctrlWheelAndKeysZoom();
    void hoverGivesTheSpanUnderTheMouse();
    void everyBoxIsPainted();
    void highlightMarksTheSpan();

private:
    static re::RailroadDiagram diagram(const QString &pattern)
    {
        return *re::railroad(pattern, 0);
    }
    static const re::RailroadItem &itemFor(const re::RailroadDiagram &d, const QString &pattern,
                                           const QString &part)
    {
        for (const re::RailroadItem &item : d.items) {
            if (item.kind != re::RailroadItem::Kind::Frame
                && item.kind != re::RailroadItem::Kind::Label
                && pattern.mid(item.start, item.end - item.start) == part) {
                return item;
            }
        }
        static const re::RailroadItem none;
        return none;
    }

    RailroadView *m_view = nullptr;
};

void tst_RailroadView::init()
{
    m_view = new RailroadView();
}

void tst_RailroadView::cleanup()
{
    delete m_view;
    m_view = nullptr;
}

void tst_RailroadView::sizeFollowsTheZoom()
{
    const re::RailroadDiagram d = diagram(QStringLiteral("(\\w+)@(\\w+)"));
    m_view->setDiagram(d);
    const QSize base = m_view->sizeHint();
    QCOMPARE(base, QSize(int(std::ceil(d.size.width())), int(std::ceil(d.size.height()))));
    QSignalSpy zoomed(m_view, &RailroadView::zoomChanged);
    m_view->setZoom(2);
    QCOMPARE(zoomed.size(), 1);
    QCOMPARE(m_view->sizeHint(), QSize(int(std::ceil(d.size.width() * 2)),
                                       int(std::ceil(d.size.height() * 2))));
    QCOMPARE(m_view->minimumSize(), m_view->sizeHint());
    m_view->setZoom(100);
    QCOMPARE(m_view->zoom(), RailroadView::kMaxZoom);
    m_view->setZoom(0);
    QCOMPARE(m_view->zoom(), RailroadView::kMinZoom);
    m_view->clear();
    QCOMPARE(m_view->sizeHint(), QSize(0, 0));
}

void tst_RailroadView::ctrlWheelAndKeysZoom()
{
    m_view->setDiagram(diagram(QStringLiteral("a+")));
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
    const QPointF at(5, 5);
    QWheelEvent up(at, m_view->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton,
                   Qt::ControlModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(m_view, &up);
    QCOMPARE(m_view->zoom(), 1.25);
    QWheelEvent plain(at, m_view->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(m_view, &plain);
    QCOMPARE(m_view->zoom(), 1.25); // scrolling, not zooming
    QTest::keyClick(m_view, Qt::Key_Minus, Qt::ControlModifier);
    QCOMPARE(m_view->zoom(), 1.0);
    QTest::keyClick(m_view, Qt::Key_Plus, Qt::ControlModifier);
    QTest::keyClick(m_view, Qt::Key_Plus, Qt::ControlModifier);
    QCOMPARE(m_view->zoom(), 1.5625);
    QTest::keyClick(m_view, Qt::Key_0, Qt::ControlModifier);
    QCOMPARE(m_view->zoom(), 1.0);
}

void tst_RailroadView::hoverGivesTheSpanUnderTheMouse()
{
    const QString pattern = QStringLiteral("x(\\d+)y");
    const re::RailroadDiagram d = diagram(pattern);
    m_view->setDiagram(d);
    m_view->setZoom(2);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
    QSignalSpy hovered(m_view, &RailroadView::hovered);
    const re::RailroadItem &digit = itemFor(d, pattern, QStringLiteral("\\d"));
    QVERIFY(digit.start >= 0);
    QTest::mouseMove(m_view, (digit.rect.center() * 2).toPoint());
    QTRY_COMPARE(hovered.size(), 1);
    QCOMPARE(hovered.last().at(0).value<qsizetype>(), digit.start);
    QCOMPARE(hovered.last().at(1).value<qsizetype>(), digit.end);
    const re::RailroadItem &y = itemFor(d, pattern, QStringLiteral("y"));
    QTest::mouseMove(m_view, (y.rect.center() * 2).toPoint());
    QTRY_COMPARE(hovered.size(), 2);
    QCOMPARE(hovered.last().at(0).value<qsizetype>(), qsizetype(pattern.indexOf('y')));
    QTest::mouseMove(m_view, QPoint(1, 1)); // the margin: nothing
    QTRY_COMPARE(hovered.size(), 3);
    QCOMPARE(hovered.last().at(0).value<qsizetype>(), qsizetype(-1));
}

void tst_RailroadView::everyBoxIsPainted()
{
    const re::RailroadDiagram d = diagram(QStringLiteral("^(?P<n>a|b)\\1+$"));
    const QImage image = RailroadView::image(d, 1);
    QCOMPARE(image.size(), QSize(int(std::ceil(d.size.width())), int(std::ceil(d.size.height()))));
    for (const re::RailroadItem &item : d.items) {
        if (item.kind == re::RailroadItem::Kind::Label
            || item.kind == re::RailroadItem::Kind::Frame) {
            continue;
        }
        // The box's fill colour just inside its left edge (clear of its text).
        const QPoint inside(int(item.rect.left() + 3), int(item.rect.center().y()));
        QVERIFY2(image.pixelColor(inside) != QColor(Qt::white), qPrintable(item.text));
    }
}

void tst_RailroadView::highlightMarksTheSpan()
{
    const QString pattern = QStringLiteral("ab|cd");
    const re::RailroadDiagram d = diagram(pattern);
    const re::RailroadItem &cd = itemFor(d, pattern, QStringLiteral("cd"));
    QVERIFY(cd.start >= 0);
    auto edge = [&](qsizetype start, qsizetype end) {
        QImage image(d.size.toSize() + QSize(1, 1), QImage::Format_ARGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        RailroadView::paint(painter, d, start, end);
        painter.end();
        return image.pixelColor(QPointF(cd.rect.center().x(), cd.rect.top()).toPoint());
    };
    const QColor plain = edge(-1, -1);
    const QColor marked = edge(cd.start, cd.end);
    QVERIFY(plain != marked);
    QVERIFY(marked.red() > marked.blue());
    // A span around another part leaves this box alone.
    QCOMPARE(edge(0, 2), plain);
}

QTEST_MAIN(tst_RailroadView)
#include "tst_railroadview.moc"
