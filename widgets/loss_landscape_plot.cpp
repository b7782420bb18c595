#include "loss_landscape_plot.h"

#include "contour_lines.h"
#include "plot_interaction.h"
#include "plot_style.h"

#include <algorithm>
#include <cmath>

using adaround::teaching::Corner;
using adaround::teaching::QuadraticRounding;

namespace {
constexpr double kMargin = 0.35;   // shown around the unit cell of the four corners, grid steps
constexpr double kMapReach = 1.6;  // the colour map reaches this far beyond the cell (wide windows)
constexpr int kMapCells = 241;
constexpr double kGrabPx = 16;     // how close a press must be to the cross to drag it
} // namespace

LossLandscapePlot::LossLandscapePlot(QWidget* parent) : QCustomPlot(parent)
{
    plotstyle::addTitle(this, tr("Loss Δwᵀ H Δw around the two weights"));
    scale_ = plotstyle::addColorScaleBeside(this, tr("Loss Δwᵀ H Δw"));
    xAxis->setLabel(tr("Rounded weight w̃₁ (grid steps)"));
    yAxis->setLabel(tr("Rounded weight w̃₂ (grid steps)"));

    map_ = new QCPColorMap(xAxis, yAxis);
    map_->setName(tr("Loss"));
    map_->setInterpolate(true);
    map_->setColorScale(scale_);
    QCPColorGradient gradient;
    gradient.setColorStopAt(0.0, QColor(255, 255, 229));
    gradient.setColorStopAt(0.35, QColor(173, 221, 142));
    gradient.setColorStopAt(0.7, QColor(65, 171, 93));
    gradient.setColorStopAt(1.0, QColor(0, 90, 50));
    map_->setGradient(gradient);
    map_->removeFromLegend();

    cell_ = new QCPItemRect(this);
    cell_->setPen(QPen(Qt::darkGray, 1, Qt::DashLine));

    auto scatter = [this](const QString& name, QCPScatterStyle style) {
        QCPGraph* g = addGraph();
        g->setName(name);
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(style);
        return g;
    };
    corners_ = scatter(tr("Rounding corners"), QCPScatterStyle(QCPScatterStyle::ssDisc, Qt::black, Qt::black, 7));
    nearest_ = scatter(tr("Round to nearest"),
                       QCPScatterStyle(QCPScatterStyle::ssSquare, QPen(QColor(230, 120, 0), 3), Qt::NoBrush, 20));
    optimal_ = scatter(tr("Optimal corner"),
                       QCPScatterStyle(QCPScatterStyle::ssStar, QPen(QColor(30, 60, 200), 3), Qt::NoBrush, 24));
    path_ = new QCPCurve(xAxis, yAxis);
    path_->setName(tr("AdaRound: ⌊w⌋ + h(V)"));
    path_->setPen(QPen(QColor(200, 0, 0), 2));
    pathHead_ = scatter(tr("AdaRound now"), QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(200, 0, 0), 9));
    pathHead_->removeFromLegend();
    weights_ = scatter(tr("FP32 weights w (drag)"),
                       QCPScatterStyle(QCPScatterStyle::ssCrossCircle, QPen(Qt::black, 2), Qt::white, 14));
    // Marks, labels and the path above the contours (which are remade with each problem).
    addLayer(QStringLiteral("marks"), layer(QStringLiteral("main")), limAbove);
    for (QCPLayerable* l : std::initializer_list<QCPLayerable*>{corners_, nearest_, optimal_, path_, pathHead_, weights_})
        l->setLayer(QStringLiteral("marks"));
    plotstyle::legendBelow(this, 3);
    setMinimumSize(420, 360);

    // Hover reads the loss under the cursor; no zoom or pan: a press drags the weights.
    auto* interaction = PlotInteraction::install(this, Qt::Orientations());
    interaction->setValueText([](const QCPAbstractPlottable*, double v) { return tr("loss %1").arg(v, 0, 'f', 3); });
    connect(interaction, &PlotInteraction::clicked, this, [this](const QPointF& at) {
        const QPointF w = clampedToCell(at);
        emit weightsMoved(w.x(), w.y());
    });
    connect(this, &QCustomPlot::mousePress, this, [this](QMouseEvent* e) {
        if (problem_.size() != 2 || e->button() != Qt::LeftButton)
            return;
        const QPointF cross(xAxis->coordToPixel(problem_.w[0]), yAxis->coordToPixel(problem_.w[1]));
        dragging_ = QLineF(cross, e->position()).length() <= kGrabPx;
    });
    connect(this, &QCustomPlot::mouseMove, this, [this](QMouseEvent* e) {
        if (!dragging_)
            return;
        const QPointF w = clampedToCell({xAxis->pixelToCoord(e->position().x()), yAxis->pixelToCoord(e->position().y())});
        emit weightsMoved(w.x(), w.y());
    });
    connect(this, &QCustomPlot::mouseRelease, this, [this] { dragging_ = false; });
    connect(this, &QCustomPlot::afterLayout, this, &LossLandscapePlot::keepEqualScale);
}

QPointF LossLandscapePlot::clampedToCell(const QPointF& at) const
{
    // The weights stay inside their cell (their floor is fixed): fractional parts in [0.01, 0.99].
    const double f1 = std::floor(problem_.w[0]), f2 = std::floor(problem_.w[1]);
    return {f1 + std::clamp(at.x() - f1, 0.01, 0.99), f2 + std::clamp(at.y() - f2, 0.01, 0.99)};
}

void LossLandscapePlot::setProblem(const QuadraticRounding& problem)
{
    problem_ = problem;
    const double f1 = std::floor(problem.w[0]), f2 = std::floor(problem.w[1]);
    yAxis->setRange(f2 - kMargin, f2 + 1 + kMargin);
    xAxis->setRange(f1 - kMargin, f1 + 1 + kMargin);
    cell_->topLeft->setCoords(f1, f2 + 1);
    cell_->bottomRight->setCoords(f1 + 1, f2);
    weights_->setData({problem.w[0]}, {problem.w[1]});
    drawMap();
    drawCorners();
    drawContours();
    clearPath();
    keepEqualScale();
    replot(rpQueuedReplot);
}

void LossLandscapePlot::drawMap()
{
    const double f1 = std::floor(problem_.w[0]), f2 = std::floor(problem_.w[1]);
    map_->data()->setSize(kMapCells, kMapCells);
    map_->data()->setRange(QCPRange(f1 - kMapReach, f1 + 1 + kMapReach), QCPRange(f2 - kMapReach, f2 + 1 + kMapReach));
    for (int i = 0; i < kMapCells; ++i)
        for (int j = 0; j < kMapCells; ++j) {
            double x, y;
            map_->data()->cellToCoord(i, j, &x, &y);
            map_->data()->setCell(i, j, adaround::teaching::lossAt(problem_, {x, y}));
        }
    // Colours span the corners' losses (a little beyond): far-away values saturate.
    double top = 0;
    for (const Corner& c : adaround::teaching::enumerateCorners(problem_))
        top = std::max(top, c.loss);
    map_->setDataRange(QCPRange(0, std::max(1e-6, 1.15 * top)));
}

void LossLandscapePlot::drawContours()
{
    for (QCPCurve* c : contours_)
        removePlottable(c);
    contours_.clear();
    const double f1 = std::floor(problem_.w[0]), f2 = std::floor(problem_.w[1]);
    const ContourGrid grid = ContourGrid::sample(161, 161, f1 - kMapReach, f1 + 1 + kMapReach, f2 - kMapReach,
                                                 f2 + 1 + kMapReach, [this](double x, double y) {
                                                     return adaround::teaching::lossAt(problem_, {x, y});
                                                 });
    // One contour through each corner (the corner on the smallest one is the
    // optimum), and thin ones between for the shape of the bowl.
    std::vector<std::pair<double, bool>> levels;
    const std::vector<Corner> corners = adaround::teaching::enumerateCorners(problem_);
    for (const Corner& c : corners)
        levels.push_back({c.loss, true});
    const double top = map_->dataRange().upper;
    for (int k = 1; k <= 6; ++k)
        levels.push_back({top * k * k / 36.0, false});
    bool inLegend = false;
    for (const auto& [level, throughCorner] : levels) {
        if (level <= 0)
            continue;
        for (const QVector<QPointF>& line : contourLines(grid, level)) {
            auto* curve = new QCPCurve(xAxis, yAxis);
            QVector<double> t(line.size()), x(line.size()), y(line.size());
            for (int i = 0; i < line.size(); ++i) {
                t[i] = i;
                x[i] = line[i].x();
                y[i] = line[i].y();
            }
            curve->setData(t, x, y, true);
            curve->setPen(throughCorner ? QPen(QColor(60, 60, 60), 1) : QPen(QColor(90, 90, 90, 120), 1, Qt::DotLine));
            curve->setName(tr("Equal loss (through each corner)"));
            curve->setSelectable(QCP::stNone);
            if (!throughCorner || inLegend)
                curve->removeFromLegend();
            inLegend = inLegend || throughCorner;
            contours_.push_back(curve);
        }
    }
}

void LossLandscapePlot::drawCorners()
{
    for (QCPItemText* t : labels_)
        removeItem(t);
    labels_.clear();
    const std::vector<Corner> corners = adaround::teaching::enumerateCorners(problem_);
    const Corner nearest = adaround::teaching::nearestCorner(problem_), best = adaround::teaching::optimalCorner(problem_);
    QVector<double> xs, ys;
    for (const Corner& c : corners) {
        const std::vector<double> at = adaround::teaching::cornerPosition(problem_, c.bits);
        xs << at[0];
        ys << at[1];
        auto* label = new QCPItemText(this);
        QString text = tr("L = %1").arg(c.loss, 0, 'f', 3);
        if (c.bits == nearest.bits)
            text += tr("\nnearest");
        if (c.bits == best.bits)
            text += tr("\noptimal");
        label->setText(text);
        label->setFont(QFont(font().family(), font().pointSize(), c.bits == best.bits ? QFont::Bold : QFont::Normal));
        label->setBrush(QColor(255, 255, 255, 210));
        label->setPadding(QMargins(3, 1, 3, 1));
        // Outside the cell, away from the marks: up for the top corners, down for the bottom ones.
        const bool right = c.up(0), top = c.up(1);
        label->setPositionAlignment((right ? Qt::AlignLeft : Qt::AlignRight) | (top ? Qt::AlignBottom : Qt::AlignTop));
        label->position->setCoords(at[0] + (right ? 0.04 : -0.04), at[1] + (top ? 0.04 : -0.04));
        label->setClipToAxisRect(true);
        label->setLayer(QStringLiteral("marks"));
        labels_.push_back(label);
    }
    corners_->setData(xs, ys);
    const std::vector<double> n = adaround::teaching::cornerPosition(problem_, nearest.bits);
    const std::vector<double> o = adaround::teaching::cornerPosition(problem_, best.bits);
    nearest_->setData({n[0]}, {n[1]});
    optimal_->setData({o[0]}, {o[1]});
}

void LossLandscapePlot::setPath(const QVector<QPointF>& points)
{
    QVector<double> t(points.size()), x(points.size()), y(points.size());
    for (int i = 0; i < points.size(); ++i) {
        t[i] = i;
        x[i] = points[i].x();
        y[i] = points[i].y();
    }
    path_->setData(t, x, y, true);
    if (points.isEmpty())
        pathHead_->data()->clear();
    else
        pathHead_->setData({points.back().x()}, {points.back().y()});
    replot(rpQueuedReplot);
}

void LossLandscapePlot::clearPath()
{
    setPath({});
}

int LossLandscapePlot::pathPoints() const
{
    return path_->dataCount();
}

QPointF LossLandscapePlot::nearestMark() const
{
    return nearest_->dataCount() ? QPointF(nearest_->data()->begin()->key, nearest_->data()->begin()->value) : QPointF();
}

QPointF LossLandscapePlot::optimalMark() const
{
    return optimal_->dataCount() ? QPointF(optimal_->data()->begin()->key, optimal_->data()->begin()->value) : QPointF();
}

QString LossLandscapePlot::cornerLabel(uint32_t bits) const
{
    return bits < labels_.size() ? labels_[bits]->text() : QString();
}

void LossLandscapePlot::keepEqualScale()
{
    // One grid step is as long on both axes: the y range is fixed, x follows the rect's shape.
    const QRect r = axisRect()->rect();
    if (r.height() <= 0 || r.width() <= 0 || problem_.size() != 2)
        return;
    const double ySpan = yAxis->range().size();
    const double xSpan = ySpan * r.width() / r.height();
    if (std::abs(xAxis->range().size() - xSpan) < 1e-3 * xSpan)
        return;
    const double centre = std::floor(problem_.w[0]) + 0.5;
    xAxis->setRange(centre - xSpan / 2, centre + xSpan / 2);
    replot(rpQueuedReplot);
}
