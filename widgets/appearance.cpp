#include "appearance.h"

#include <QtMath>

namespace stdlab::appearance {

namespace {

qreal channel(qreal c)
{
    return c <= 0.03928 ? c / 12.92 : qPow((c + 0.055) / 1.055, 2.4);
}

qreal luminance(const QColor &c)
{
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF())
           + 0.0722 * channel(c.blueF());
}

QColor base(Tint tint)
{
    switch (tint) {
    case Tint::Error:
        return QColor(0xd0, 0x30, 0x30);
    case Tint::Warning:
        return QColor(0xb0, 0x6a, 0x00);
    case Tint::Information:
        return QColor(0x1f, 0x6f, 0xb8);
    case Tint::Incoming:
        return QColor(0x1f, 0x6f, 0xc0);
    case Tint::Outgoing:
        return QColor(0x25, 0x80, 0x3f);
    }
    return {};
}

} // namespace

qreal contrast(const QColor &a, const QColor &b)
{
    const qreal la = luminance(a);
    const qreal lb = luminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

QColor readableOn(const QColor &colour, const QColor &background, qreal ratio)
{
    const QColor opaque = QColor(colour.red(), colour.green(), colour.blue());
    if (contrast(opaque, background) >= ratio) {
        return colour;
    }
    // Towards white on a dark background, towards black on a light one, in small steps of HSL
    // lightness (the hue stays: red stays red).
    const bool darkBackground = luminance(background) < 0.18;
    const QColor hsl = opaque.toHsl();
    QColor best = darkBackground ? QColor(Qt::white) : QColor(Qt::black);
    for (int step = 1; step <= 40; ++step) {
        const qreal l = darkBackground ? hsl.lightnessF() + (1 - hsl.lightnessF()) * step / 40.0
                                       : hsl.lightnessF() * (1 - step / 40.0);
        const QColor candidate = QColor::fromHslF(hsl.hslHueF(), hsl.hslSaturationF(), l);
        if (contrast(candidate, background) >= ratio) {
            best = candidate;
            break;
        }
    }
    best.setAlpha(colour.alpha());
    return best;
}

QPalette darkPalette()
{
    const QColor window(0x2a, 0x2e, 0x32);
    const QColor base(0x1b, 0x1e, 0x20);
    const QColor text(0xfc, 0xfc, 0xfc);
    const QColor disabledText(0xa1, 0xa9, 0xb1);
    const QColor button(0x31, 0x36, 0x3b);
    const QColor highlight(0x3d, 0xae, 0xe9);
    QPalette p(button, window);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, button);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabledText);
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, text);
    p.setColor(QPalette::Link, QColor(0x1d, 0x99, 0xf3));
    p.setColor(QPalette::LinkVisited, QColor(0x9b, 0x59, 0xb6));
    p.setColor(QPalette::Light, button.lighter(150));
    p.setColor(QPalette::Midlight, button.lighter(125));
    p.setColor(QPalette::Mid, button.darker(120));
    p.setColor(QPalette::Dark, button.darker(150));
    p.setColor(QPalette::Shadow, Qt::black);
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
        p.setColor(QPalette::Disabled, role, disabledText);
    }
    p.setColor(QPalette::Disabled, QPalette::Highlight, button);
    return p;
}

QColor tint(Tint tint, const QPalette &palette)
{
    const QColor colour = readableOn(base(tint), palette.color(QPalette::Base));
    return readableOn(colour, palette.color(QPalette::Window));
}

} // namespace stdlab::appearance
