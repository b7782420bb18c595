#pragma once
// What every dashboard plot shares: a bold title row, a legend row below the
// axes (so it never covers data), a colour palette, and PNG/PDF export. Plot
// layouts are one column: title, content (axes, maybe a sub-grid), legend.
#include <QColor>
#include <QString>

class QCustomPlot;
class QCPTextElement;
class QCPLegend;
class QCPColorGradient;
class QCPColorScale;

namespace plotstyle {

// Puts a title above the plot's main axis rect and returns it.
QCPTextElement* addTitle(QCustomPlot* plot, const QString& text);

// After addTitle: a colour scale (right of the main axis rect, in one row under
// the title, sharing its top and bottom margins) labelled LABEL, a font-height
// bar, never dragged or zoomed (the wheel moves the data, not the colours).
QCPColorScale* addColorScaleBeside(QCustomPlot* plot, const QString& label);

// Moves the plot's legend into its own row below everything, laid out in
// columns (wrapped), and shows it.
void legendBelow(QCustomPlot* plot, int columns);

// Qualitative colours: the main run's series and the comparison runs'.
QColor seriesColor(int i);
QColor comparisonColor(int i);

// Viridis (perceptually uniform, readable in grey and by most colour-blind
// readers), which QCustomPlot 2.1.0 does not have; NaN cells transparent.
QCPColorGradient viridis();

// How a plot is exported: the image's size in pixels (0: the plot's on-screen
// size, or a sensible default if it has never been laid out), its resolution
// (text and lines scale with it: 192 dpi draws them twice as large as 96 on
// the same pixels; PNGs record it), and a heading line drawn above the plot's
// own title (say which run it shows).
struct ExportOptions {
    int width = 0;
    int height = 0;
    int dpi = 0; // 0: the screen's (the plot's device pixel ratio)
    QString heading;
};

// Writes the plot as PNG or PDF (by suffix).
bool exportPlot(QCustomPlot* plot, const QString& file, QString* error);
bool exportPlot(QCustomPlot* plot, const QString& file, const ExportOptions& options, QString* error);

} // namespace plotstyle
