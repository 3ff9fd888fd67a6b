// re::railroad(): the railroad diagram of a pattern from CPython's parse tree (every kind of
// element, its labels in English and Spanish), its SVG read back, its geometry, a huge pattern,
// and `stdlab regex railroad` writing SVG and PNG headless.
#include "localization.h"
#include "regex/railroad.h"

#include <QImageReader>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

using namespace stdlab;

class tst_Railroad : public QObject
{
    Q_OBJECT

private slots:
    void everyNodeKindRenders_data();
    void everyNodeKindRenders();
    void svgReadsBackWithTheLabels();
    void boxesNeverOverlapAndStayInside();
    void itemAtGivesTheSpanUnderAPoint();
    void hugePatternStaysBounded();
    void alternativesRailsGrowLinearly();
    void longSequenceWrapsIntoRows_data();
    void longSequenceWrapsIntoRows();
    void nestedSequencesWrapInsideTheirFrames_data();
    void nestedSequencesWrapInsideTheirFrames();
    void badPatternIsAnError();
    void commandLine();

private:
    static QStringList labels(const re::RailroadDiagram &d)
    {
        QStringList out;
        for (const re::RailroadItem &item : d.items) {
            if (!item.text.isEmpty()) {
                out << item.text;
            }
        }
        return out;
    }
    // The texts of an SVG document's <text> elements, and its size.
    static QStringList svgTexts(const QString &svg, QSizeF *size = nullptr)
    {
        QStringList out;
        QXmlStreamReader xml(svg);
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement) {
                continue;
            }
            if (xml.name() == QLatin1String("svg") && size) {
                *size = QSizeF(xml.attributes().value(QLatin1String("width")).toDouble(),
                               xml.attributes().value(QLatin1String("height")).toDouble());
            } else if (xml.name() == QLatin1String("text")) {
                out << xml.readElementText();
            }
        }
        if (xml.hasError()) {
            out << QStringLiteral("XML error: ") + xml.errorString();
        }
        return out;
    }
};

void tst_Railroad::everyNodeKindRenders_data()
{
    QTest::addColumn<QString>("lang");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<int>("flags");
    QTest::addColumn<QStringList>("expected");
    auto row = [](const char *name, const char *lang, const char *pattern, int flags,
                  const QStringList &expected) {
        QTest::newRow(name) << QString::fromLatin1(lang) << QString::fromUtf8(pattern) << flags
                            << expected;
    };
    row("literal run", "en", "gato", 0, {"'gato'"});
    row("set", "en", "[a-z_]", 0, {"[a-z_]"});
    row("categories", "en", "\\d\\D\\s\\S\\w\\W", 0,
        {"digit", "not a digit", "whitespace", "not whitespace", "word character",
         "not a word character"});
    row("any", "en", ".", 0, {"any character but newline"});
    row("any with DOTALL", "en", ".", re::DOTALL, {"any character"});
    row("not a literal", "en", "[^a]", 0, {"not 'a'"});
    row("anchors", "en", "^\\b\\B\\A\\Z$", 0,
        {"start of text", "word boundary", "not a word boundary", "start of text (\\A)",
         "end of text (\\Z)", "end of text"});
    row("anchors with MULTILINE", "en", "^$", re::MULTILINE, {"start of line", "end of line"});
    row("alternatives", "en", "cat|dog|", 0, {"'cat'", "'dog'"});
    row("numbered group", "en", "(a)", 0, {"group 1", "'a'"});
    row("named group", "en", "(?P<word>a)", 0, {"group 1 'word'"});
    row("named back-reference", "en", "(?P<x>a)(?P=x)", 0, {"same text as group 1 'x'"});
    row("numbered back-reference", "en", "(a)\\1", 0, {"same text as group 1"});
    row("repeats", "en", "a+b*c?d{3}e{2,5}f{2,}", 0,
        {"one or more", "zero or more", "optional", "exactly 3 times", "2 to 5 times",
         "2 or more"});
    row("lazy and possessive", "en", "a+?b*+", 0,
        {"one or more, lazy", "zero or more, possessive"});
    row("conditional", "en", "(a)?(?(1)b|c)", 0,
        {"if group 1 matched (else the lower path)", "'b'", "'c'"});
    row("lookarounds", "en", "(?=a)(?!b)(?<=c)(?<!d)", 0,
        {"followed by", "not followed by", "preceded by", "not preceded by"});
    row("atomic group", "en", "(?>a)", 0, {"atomic group"});
    row("scoped flags", "en", "(?i:a)(?-i:b)", re::IGNORECASE,
        {"flags +IGNORECASE", "flags -IGNORECASE"});
    row("Spanish", "es", "(?P<año>\\d{4})+?\\b", 0,
        {"grupo 1 'año'", "dígito", "exactamente 4 veces", "una o más, perezosa",
         "límite de palabra"});
}

void tst_Railroad::everyNodeKindRenders()
{
    QFETCH(QString, lang);
    QFETCH(QString, pattern);
    QFETCH(int, flags);
    QFETCH(QStringList, expected);
    QVERIFY(installTranslations(QCoreApplication::instance(), lang));
    re::Error error;
    const auto d = re::railroad(pattern, flags, &error);
    QVERIFY2(d, qPrintable(error.message));
    const QStringList got = labels(*d);
    for (const QString &label : expected) {
        QVERIFY2(got.contains(label),
                 qPrintable(label + QStringLiteral(" not in ") + got.join('|')));
    }
    const QStringList svg = svgTexts(re::railroadSvg(*d));
    QCOMPARE(svg, got);
    QVERIFY(!d->truncated);
    QVERIFY(installTranslations(QCoreApplication::instance(), QStringLiteral("en")));
}

void tst_Railroad::svgReadsBackWithTheLabels()
{
    const auto d = re::railroad(QStringLiteral("(\\w+)@(\\w+\\.\\w{2,})"), 0);
    QVERIFY(d);
    QSizeF size;
    const QStringList texts = svgTexts(re::railroadSvg(*d), &size);
    QCOMPARE(texts,
             (QStringList{"group 1", "word character", "one or more", "'@'", "group 2",
                          "word character", "one or more", "'.'", "word character", "2 or more"}));
    QCOMPARE(size, QSizeF(std::round(d->size.width() * 10) / 10,
                          std::round(d->size.height() * 10) / 10));
    // Markup in the pattern is escaped, not markup in the SVG.
    const auto markup = re::railroad(QStringLiteral("<a&\"b\">"), 0);
    const QStringList escaped = svgTexts(re::railroadSvg(*markup));
    QCOMPARE(escaped, QStringList{QStringLiteral("'<a&\"b\">'")});
}

void tst_Railroad::boxesNeverOverlapAndStayInside()
{
    const auto d = re::railroad(
        QStringLiteral("^(?P<user>[\\w.]+|\"[^\"]*\")@(?:(?P<host>\\w+)\\.)+(com|es)(?(host)!|\\?)"
                       "(?=x)(?<!y)\\1*?z{2,9}$"),
        0);
    QVERIFY(d);
    const QRectF canvas(QPointF(0, 0), d->size);
    QList<QRectF> boxes;
    for (const re::RailroadItem &item : d->items) {
        QVERIFY2(canvas.contains(item.rect), qPrintable(item.text));
        if (item.kind != re::RailroadItem::Kind::Frame
            && item.kind != re::RailroadItem::Kind::Label) {
            boxes << item.rect;
        }
    }
    for (qsizetype i = 0; i < boxes.size(); ++i) {
        for (qsizetype j = i + 1; j < boxes.size(); ++j) {
            QVERIFY(!boxes[i].intersects(boxes[j]));
        }
    }
    for (const QList<QPointF> &rail : d->rails) {
        for (const QPointF &p : rail) {
            QVERIFY(canvas.contains(p));
        }
    }
}

void tst_Railroad::itemAtGivesTheSpanUnderAPoint()
{
    const QString pattern = QStringLiteral("a(\\d+)");
    const auto d = re::railroad(pattern, 0);
    QVERIFY(d);
    QStringList under;
    for (const re::RailroadItem &item : d->items) {
        const qsizetype i = d->itemAt(item.rect.center());
        QVERIFY(i >= 0);
        const re::RailroadItem &found = d->items[i];
        under << pattern.mid(found.start, found.end - found.start);
    }
    // The box for \d, not the repeat or the group around it; the frame's middle is the repeat.
    QVERIFY(under.contains(QStringLiteral("\\d")));
    QVERIFY(under.contains(QStringLiteral("a")));
    QCOMPARE(d->itemAt(QPointF(-5, -5)), qsizetype(-1));
}

void tst_Railroad::hugePatternStaysBounded()
{
    QElapsedTimer timer;
    timer.start();
    const auto d = re::railroad(QStringLiteral("(a|bc)").repeated(4000), 0);
    QVERIFY(d);
    QVERIFY(d->truncated);
    QVERIFY(d->items.size() <= re::RailroadDiagram::kMaxItems + 10);
    QCOMPARE(d->items.last().text, QStringLiteral("…"));
    QVERIFY(timer.elapsed() < 5000);
    const auto small = re::railroad(QStringLiteral("(a|bc)").repeated(10), 0);
    QVERIFY(!small->truncated);
}

void tst_Railroad::alternativesRailsGrowLinearly()
{
    // Each alternative used to draw its split and join rails from the top of the choice down
    // to its own row: total length ~ n^2 / 2 rows, and 3,000 alternatives took 96 s to paint
    // into a PNG. Now each draws only the stretch below the one before it.
    QStringList words;
    for (int i = 0; i < 1500; ++i) {
        words << QStringLiteral("w%1").arg(i);
    }
    const auto d = re::railroad(words.join(QLatin1Char('|')), 0);
    QVERIFY(d);
    double length = 0;
    for (const QList<QPointF> &rail : d->rails) {
        for (qsizetype i = 1; i < rail.size(); ++i) {
            length += QLineF(rail[i - 1], rail[i]).length();
        }
    }
    // Two vertical trunks as tall as the diagram, plus a short stub each side per row.
    const double bound = 2 * d->size.height() + 2 * 1500 * 2 * 16 + 4 * d->size.width();
    QVERIFY2(length < bound, qPrintable(QStringLiteral("%1 >= %2").arg(length).arg(bound)));
    // The picture is the same: every row still meets both trunks (the last one too).
    const QRectF last = d->items.last().rect;
    bool reached = false;
    for (const QList<QPointF> &rail : d->rails) {
        for (const QPointF &p : rail) {
            reached = reached || (p.y() >= last.top() && p.y() <= last.bottom() && p.x() < last.left());
        }
    }
    QVERIFY(reached);
}

void tst_Railroad::longSequenceWrapsIntoRows_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<double>("width");
    QTest::addColumn<int>("elements");
    QTest::newRow("200 digits at 400 px") << QStringLiteral("\\d").repeated(200) << 400.0 << 200;
    QTest::newRow("200 digits at 1200 px") << QStringLiteral("\\d").repeated(200) << 1200.0 << 200;
    QTest::newRow("200 mixed elements at 600 px")
        << QStringLiteral("(a)[bc]+\\s?x{2}").repeated(50) << 600.0 << 200;
}

void tst_Railroad::longSequenceWrapsIntoRows()
{
    // A long pattern is drawn in rows no wider than the pane (it was one row 3,000 px wide and
    // more), its rail continuing from the end of a row to the start of the next.
    QFETCH(QString, pattern);
    QFETCH(double, width);
    QFETCH(int, elements);
    const auto one = re::railroad(pattern, 0);
    const auto d = re::railroad(pattern, 0, nullptr, width);
    QVERIFY(one && d);
    QCOMPARE(one->rows, 1);
    QVERIFY(one->size.width() > 2 * width);
    QVERIFY2(d->size.width() <= width, qPrintable(QString::number(d->size.width())));
    QVERIFY(d->rows >= int(one->size.width() / width));
    // The same boxes, each inside the width, none over another.
    QCOMPARE(labels(*d), labels(*one));
    QList<QRectF> boxes;
    int spans = 0;
    for (const re::RailroadItem &item : d->items) {
        QVERIFY2(item.rect.right() <= width && item.rect.left() >= 0, qPrintable(item.text));
        QVERIFY(item.rect.bottom() <= d->size.height());
        if (item.kind != re::RailroadItem::Kind::Frame
            && item.kind != re::RailroadItem::Kind::Label) {
            boxes << item.rect;
        }
        spans += item.kind != re::RailroadItem::Kind::Label ? 1 : 0;
    }
    QVERIFY(spans >= elements);
    for (qsizetype i = 0; i < boxes.size(); ++i) {
        for (qsizetype j = i + 1; j < boxes.size(); ++j) {
            QVERIFY(!boxes[i].intersects(boxes[j]));
        }
    }
    // One rail from the entry to the exit: every rail starts where another ends (or at the
    // entry) and the exit is on the last row, below the entry.
    QSet<QPair<double, double>> ends;
    for (const QList<QPointF> &rail : d->rails) {
        ends.insert({rail.last().x(), rail.last().y()});
        for (const QPointF &p : rail) {
            QVERIFY(p.x() >= 0 && p.x() <= width);
        }
    }
    QVERIFY(ends.contains({d->exit.x(), d->exit.y()}));
    QVERIFY(d->exit.y() > d->entry.y());
    // Wide enough for everything: one row, as without a width.
    const auto wide = re::railroad(pattern, 0, nullptr, one->size.width() + 1);
    QCOMPARE(wide->rows, 1);
    QCOMPARE(wide->size, one->size);
}

void tst_Railroad::nestedSequencesWrapInsideTheirFrames_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<double>("width");
    // The e-mail pattern's group 2 scrolled sideways at 1400x900: only the top-level sequence
    // wrapped, each group was one row however wide.
    QTest::newRow("e-mail at 300 px") << QStringLiteral("(\\w+)@(\\w+\\.\\w{2,})") << 300.0;
    QTest::newRow("a group of 100 digits at 600 px")
        << QStringLiteral("(") + QStringLiteral("\\d").repeated(100) + QStringLiteral(")") << 600.0;
    QTest::newRow("alternatives in a loop at 500 px")
        << QStringLiteral("(?:x|(?:") + QStringLiteral("ab\\d").repeated(60) + QStringLiteral("))+")
        << 500.0;
    QTest::newRow("look-ahead in an atomic group at 400 px")
        << QStringLiteral("(?>(?=") + QStringLiteral("[a-z]\\s").repeated(40) + QStringLiteral("))")
        << 400.0;
    QTest::newRow("conditional at 450 px")
        << QStringLiteral("(a)?(?(1)") + QStringLiteral("\\d-").repeated(30) + QStringLiteral("|")
            + QStringLiteral("\\w\\s").repeated(30) + QStringLiteral(")")
        << 450.0;
    QTest::newRow("nested groups at 500 px")
        << QStringLiteral("((((") + QStringLiteral("\\d\\w").repeated(40) + QStringLiteral("))))")
        << 500.0;
}

void tst_Railroad::nestedSequencesWrapInsideTheirFrames()
{
    QFETCH(QString, pattern);
    QFETCH(double, width);
    const auto one = re::railroad(pattern, 0);
    const auto d = re::railroad(pattern, 0, nullptr, width);
    QVERIFY(one && d);
    QVERIFY2(one->size.width() > width, qPrintable(QString::number(one->size.width())));
    QVERIFY2(d->size.width() <= width, qPrintable(QString::number(d->size.width())));
    QCOMPARE(labels(*d), labels(*one));
    QList<QRectF> boxes;
    for (const re::RailroadItem &item : d->items) {
        QVERIFY2(item.rect.right() <= width && item.rect.left() >= 0, qPrintable(item.text));
        QVERIFY(item.rect.bottom() <= d->size.height());
        if (item.kind != re::RailroadItem::Kind::Frame
            && item.kind != re::RailroadItem::Kind::Label) {
            boxes << item.rect;
        }
    }
    for (qsizetype i = 0; i < boxes.size(); ++i) {
        for (qsizetype j = i + 1; j < boxes.size(); ++j) {
            QVERIFY(!boxes[i].intersects(boxes[j]));
        }
    }
    // Every element inside a frame's part of the pattern is drawn inside the frame.
    for (const re::RailroadItem &frame : d->items) {
        if (frame.kind != re::RailroadItem::Kind::Frame) {
            continue;
        }
        for (const re::RailroadItem &item : d->items) {
            if (item.kind != re::RailroadItem::Kind::Frame && item.start >= frame.start
                && item.end <= frame.end) {
                QVERIFY2(frame.rect.contains(item.rect), qPrintable(item.text));
            }
        }
    }
    for (const QList<QPointF> &rail : d->rails) {
        for (const QPointF &p : rail) {
            QVERIFY(p.x() >= 0 && p.x() <= width && p.y() >= 0 && p.y() <= d->size.height());
        }
    }
    // No loose ends: each end of a rail is the entry, the exit, on another rail or on the
    // edge of a box.
    auto near = [](double a, double b) { return std::abs(a - b) < 0.01; };
    auto touches = [&](const QPointF &p, qsizetype except) {
        if (p == d->entry || p == d->exit) {
            return true;
        }
        for (qsizetype r = 0; r < d->rails.size(); ++r) {
            const QList<QPointF> &rail = d->rails[r];
            for (qsizetype i = 1; r != except && i < rail.size(); ++i) {
                const QRectF segment = QRectF(rail[i - 1], rail[i]).normalized();
                if (p.x() >= segment.left() - 0.01 && p.x() <= segment.right() + 0.01
                    && p.y() >= segment.top() - 0.01 && p.y() <= segment.bottom() + 0.01) {
                    return true;
                }
            }
        }
        for (const QRectF &box : boxes) {
            if ((near(p.x(), box.left()) || near(p.x(), box.right())) && p.y() >= box.top()
                && p.y() <= box.bottom()) {
                return true;
            }
        }
        return false;
    };
    for (qsizetype r = 0; r < d->rails.size(); ++r) {
        QVERIFY(touches(d->rails[r].first(), r));
        QVERIFY(touches(d->rails[r].last(), r));
    }
}

void tst_Railroad::badPatternIsAnError()
{
    re::Error error;
    QVERIFY(!re::railroad(QStringLiteral("a{2,1}"), 0, &error));
    QCOMPARE(error.message, QStringLiteral("min repeat greater than max repeat"));
    QCOMPARE(error.pos, 2);
}

void tst_Railroad::commandLine()
{
    const QString stdlab = QString::fromLocal8Bit(qgetenv("STDLAB_BINARY"));
    QVERIFY(!stdlab.isEmpty());
    QTemporaryDir dir;
    QProcess p;
    const QString pattern = QStringLiteral("(?P<y>\\d{4})-\\d+");
    p.start(stdlab, {"regex", "railroad", pattern, "-o", dir.filePath("d.svg")});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 0);
    QFile svg(dir.filePath("d.svg"));
    QVERIFY(svg.open(QIODevice::ReadOnly));
    QCOMPARE(svgTexts(QString::fromUtf8(svg.readAll())),
             (QStringList{"group 1 'y'", "digit", "exactly 4 times", "'-'", "digit",
                          "one or more"}));

    // PNG without a display (the test runs offscreen; the command sets it itself).
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    p.setProcessEnvironment(env);
    p.start(stdlab, {"regex", "railroad", pattern, "--flags", "a", "-o", dir.filePath("d.png")});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 0);
    QImageReader png(dir.filePath("d.png"));
    QCOMPARE(png.format(), QByteArray("png"));
    const auto d = re::railroad(pattern, re::ASCII);
    QCOMPARE(png.size(),
             QSize(int(std::ceil(d->size.width() * 2)), int(std::ceil(d->size.height() * 2))));

    // A PNG taller than viewers take is refused with the size and the way out; nothing written.
    QStringList many;
    for (int i = 0; i < 1000; ++i) {
        many << QStringLiteral("w%1").arg(i);
    }
    p.start(stdlab, {"regex", "railroad", many.join(QLatin1Char('|')), "-o", dir.filePath("big.png")});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 1);
    const QString tooLarge = QString::fromUtf8(p.readAllStandardError());
    QVERIFY2(tooLarge.startsWith(QStringLiteral("stdlab regex: the diagram is "))
                 && tooLarge.endsWith(QStringLiteral(
                     " px, too large for a PNG (at most 32767 px a side): write an SVG (-o FILE.svg)\n")),
             qPrintable(tooLarge));
    QVERIFY(!QFile::exists(dir.filePath("big.png")));

    p.start(stdlab, {"regex", "railroad", "a|b", "--lang", "es"});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 0);
    QCOMPARE(svgTexts(QString::fromUtf8(p.readAllStandardOutput())), (QStringList{"[ab]"}));

    p.start(stdlab, {"regex", "railroad", "a", "-o", dir.filePath("d.txt")});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 2);
    QVERIFY(!QFile::exists(dir.filePath("d.txt")));

    p.start(stdlab, {"regex", "railroad", "(", "-o", dir.filePath("e.svg")});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 1);
    QCOMPARE(QString::fromUtf8(p.readAllStandardError()),
             QStringLiteral("stdlab regex: bad pattern: missing ), unterminated subpattern at "
                            "position 0\n"));
    QVERIFY(!QFile::exists(dir.filePath("e.svg")));

    p.start(stdlab, {"regex", "railroad", "a", "-o", dir.filePath("missing/d.svg")});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 1);
    QVERIFY(p.readAllStandardError().startsWith("stdlab regex: cannot write "));
}

QTEST_GUILESS_MAIN(tst_Railroad)
#include "tst_railroad.moc"
