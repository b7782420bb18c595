#include "plot_style.h"

#include <qcustomplot.h>

#include <QFileInfo>

#include <cmath>

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

QCPColorScale* addColorScaleBeside(QCustomPlot* plot, const QString& label)
{
    auto* content = new QCPLayoutGrid;
    QCPAxisRect* rect = plot->axisRect(); // found only while it is in the layout
    plot->plotLayout()->take(rect);
    plot->plotLayout()->simplify();
    plot->plotLayout()->addElement(1, 0, content);
    content->addElement(0, 0, rect);
    auto* scale = new QCPColorScale(plot);
    content->addElement(0, 1, scale);
    content->setColumnStretchFactor(1, 0.001);
    auto* margins = new QCPMarginGroup(plot);
    rect->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    scale->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    scale->setType(QCPAxis::atRight);
    scale->setLabel(label);
    scale->setBarWidth(QFontMetrics(plot->font()).height());
    scale->setRangeDrag(false);
    scale->setRangeZoom(false);
    return scale;
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

QCPColorGradient viridis()
{
    QCPColorGradient g;
    g.clearColorStops();
    const QColor stops[] = {QColor(68, 1, 84),    QColor(72, 40, 120),  QColor(62, 74, 137), QColor(49, 104, 142),
                            QColor(38, 130, 142), QColor(31, 158, 137), QColor(53, 183, 121), QColor(109, 205, 89),
                            QColor(180, 222, 44), QColor(253, 231, 37)};
    for (int i = 0; i < 10; ++i)
        g.setColorStopAt(i / 9.0, stops[i]);
    g.setNanHandling(QCPColorGradient::nhTransparent);
    return g;
}

bool exportPlot(QCustomPlot* plot, const QString& file, QString* error)
{
    return exportPlot(plot, file, ExportOptions{}, error);
}

bool exportPlot(QCustomPlot* plot, const QString& file, const ExportOptions& options, QString* error)
{
    const QString suffix = QFileInfo(file).suffix().toLower();
    if (suffix != QLatin1String("png") && suffix != QLatin1String("pdf")) {
        if (error)
            *error = QStringLiteral("%1: unknown plot format '%2'; use .png or .pdf").arg(file, suffix);
        return false;
    }
    // Device pixels per drawing unit: the screen's, or the resolution asked for.
    const double scale = options.dpi > 0 ? options.dpi / 96.0 : plot->devicePixelRatioF();
    int w = 0, h = 0; // in drawing units
    if (options.width > 0 && options.height > 0) {
        w = int(std::lround(options.width / scale));
        h = int(std::lround(options.height / scale));
    } else {
        // A plot that was never shown has no meaningful size of its own.
        const bool laidOut = plot->width() >= 200 && plot->height() >= 150;
        w = laidOut ? plot->width() : 1000;
        h = laidOut ? plot->height() : 600;
    }
    // The heading goes above everything for this export only.
    QCPTextElement* heading = nullptr;
    if (!options.heading.isEmpty()) {
        QFont font = plot->font();
        font.setPointSizeF(font.pointSizeF() * 1.05);
        plot->plotLayout()->insertRow(0);
        // Too wide for the image: one part a line ("model · bits · run").
        QString text = options.heading;
        if (QFontMetricsF(font).horizontalAdvance(text) > w - 16)
            text.replace(QStringLiteral(" · "), QStringLiteral("\n"));
        heading = new QCPTextElement(plot, text, font);
        heading->setObjectName(QStringLiteral("exportHeading"));
        heading->setTextColor(QColor(60, 60, 60));
        plot->plotLayout()->addElement(0, 0, heading);
        plot->plotLayout()->setRowStretchFactor(0, 0.001);
    }
    bool ok = false;
    if (suffix == QLatin1String("png"))
        ok = plot->savePng(file, w, h, scale, -1, int(std::lround(96 * scale)));
    else
        ok = plot->savePdf(file, w, h);
    if (heading) {
        plot->plotLayout()->remove(heading);
        plot->plotLayout()->simplify();
        plot->replot(QCustomPlot::rpQueuedReplot);
    }
    if (!ok && error)
        *error = QStringLiteral("%1: could not be written (check the folder exists and is writable)").arg(file);
    return ok;
}

} // namespace plotstyle
