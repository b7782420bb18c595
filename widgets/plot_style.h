#pragma once
// What every dashboard plot shares: a bold title row, a legend row below the
// axes (so it never covers data), a colour palette, and PNG/PDF export. Plot
// layouts are one column: title, content (axes, maybe a sub-grid), legend.
#include <QColor>
#include <QString>

class QCustomPlot;
class QCPTextElement;
class QCPLegend;

namespace plotstyle {

// Puts a title above the plot's main axis rect and returns it.
QCPTextElement* addTitle(QCustomPlot* plot, const QString& text);

// Moves the plot's legend into its own row below everything, laid out in
// columns (wrapped), and shows it.
void legendBelow(QCustomPlot* plot, int columns);

// Qualitative colours: the main run's series and the comparison runs'.
QColor seriesColor(int i);
QColor comparisonColor(int i);

// Writes the plot as PNG or PDF (by suffix) at its on-screen size, or at a
// sensible default if it has never been laid out.
bool exportPlot(QCustomPlot* plot, const QString& file, QString* error);

} // namespace plotstyle
