#pragma once

#include <QColor>
#include <QPalette>

/**
 * Colours that stay readable whatever the palette: light, dark (--palette dark) or high
 * contrast. StdLab's own colours (chat directions, errors, syntax) are picked for a light
 * background; on a dark one, or any that gives them too little contrast, they are lightened
 * (or darkened) until they meet WCAG 2's ratios: 4.5:1 for text, 3:1 for graphics.
 */
namespace stdlab::appearance {

/// WCAG 2 contrast ratio of two opaque colours, from 1 (none) to 21 (black on white).
qreal contrast(const QColor &a, const QColor &b);

/// @p colour, lightened on a dark @p background or darkened on a light one (hue kept) until its
/// contrast with it is at least @p ratio.
QColor readableOn(const QColor &colour, const QColor &background, qreal ratio = 4.5);

/// A dark palette (the colours of Breeze Dark, for the Fusion style): `stdlab --palette dark`
/// and the dark-palette tests.
QPalette darkPalette();

/// StdLab's own colours, by meaning.
enum class Tint { Error, Warning, Information, Incoming, Outgoing };
/// @p tint as text on @p palette's Base (and Window: both are checked).
QColor tint(Tint tint, const QPalette &palette);

} // namespace stdlab::appearance
