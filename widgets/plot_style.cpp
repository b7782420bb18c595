#include "plot_style.h"

#include <qcustomplot.h>

#include <QFileInfo>

namespace plotstyle {

QCPTextElement* addTitle(QCustomPlot* plot, const QString& text)
{
    QFont font = plot->font();
    font.setPointSizeF(font.pointSizeF() * 1.15);
    font.setBold(true);
    plot->plotLayout()->insertRow(0);
    auto* title = new QCPTextElement(plot, text, font);
    plot->plotLayout()->addElement(0, 0, title);
    return title;
}

void legendBelow(QCustomPlot* plot, int columns)
{
    QCPLegend* legend = plot->legend;
    legend->setVisible(true);
    if (QCPLayout* inset = legend->layout())
        inset->take(legend); // out of the axis rect's inset layout
    QCPLayoutGrid* layout = plot->plotLayout();
    layout->simplify();
    const int row = layout->rowCount();
    layout->addElement(row, 0, legend);
    layout->setRowStretchFactor(row, 0.001); // as small as its contents allow
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setWrap(columns);
    legend->setBorderPen(Qt::NoPen);
    legend->setBrush(Qt::NoBrush);
    legend->setMargins(QMargins(4, 0, 4, 2));
}

QColor seriesColor(int i)
{
    static const QColor colors[] = {QColor(31, 119, 180), QColor(255, 127, 14), QColor(40, 40, 40),
                                    QColor(44, 160, 44), QColor(214, 39, 40)};
    return colors[size_t(i) % std::size(colors)];
}

QColor comparisonColor(int i)
{
    static const QColor colors[] = {QColor(148, 103, 189), QColor(140, 86, 75), QColor(227, 119, 194),
                                    QColor(23, 190, 207), QColor(188, 189, 34), QColor(127, 127, 127)};
    return colors[size_t(i) % std::size(colors)];
}

bool exportPlot(QCustomPlot* plot, const QString& file, QString* error)
{
    const QString suffix = QFileInfo(file).suffix().toLower();
    // A plot that was never shown has no meaningful size of its own.
    const bool laidOut = plot->width() >= 200 && plot->height() >= 150;
    const int w = laidOut ? plot->width() : 1000;
    const int h = laidOut ? plot->height() : 600;
    bool ok = false;
    if (suffix == QLatin1String("png"))
        ok = plot->savePng(file, w, h, plot->devicePixelRatioF());
    else if (suffix == QLatin1String("pdf"))
        ok = plot->savePdf(file, w, h);
    else {
        if (error)
            *error = QStringLiteral("%1: unknown plot format '%2'; use .png or .pdf").arg(file, suffix);
        return false;
    }
    if (!ok && error)
        *error = QStringLiteral("%1: could not be written (check the folder exists and is writable)").arg(file);
    return ok;
}

} // namespace plotstyle
