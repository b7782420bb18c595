#include "rectified_sigmoid_plot.h"

#include "adaround/rounding_relaxation.h"
#include "plot_interaction.h"
#include "plot_style.h"

#include <cmath>

RectifiedSigmoidPlot::RectifiedSigmoidPlot(QWidget* parent) : QCustomPlot(parent)
{
    using adaround::kRelaxationGamma;
    using adaround::kRelaxationZeta;
    plotstyle::addTitle(this, tr("Rectified sigmoid h(V), ζ = %1, γ = %2")
                                  .arg(QLocale().toString(kRelaxationZeta), QLocale().toString(kRelaxationGamma)));
    xAxis->setLabel(tr("V (learned, one per weight)"));
    yAxis->setLabel(tr("h(V)"));

    sigmoid_ = addGraph();
    sigmoid_->setName(tr("σ(V)"));
    sigmoid_->setPen(QPen(QColor(120, 120, 120), 1, Qt::DashLine));
    stretched_ = addGraph();
    stretched_->setName(tr("stretched, before the clip"));
    stretched_->setPen(QPen(plotstyle::seriesColor(1), 1, Qt::DotLine));
    rectified_ = addGraph();
    rectified_->setName(tr("h(V)"));
    rectified_->setPen(QPen(plotstyle::seriesColor(0), 2.5));

    QVector<double> v(kPoints), s(kPoints), st(kPoints), h(kPoints);
    for (int i = 0; i < kPoints; ++i) {
        v[i] = -kVRange + 2 * kVRange * i / (kPoints - 1);
        s[i] = adaround::sigmoid(v[i]);
        st[i] = s[i] * (kRelaxationZeta - kRelaxationGamma) + kRelaxationGamma;
        h[i] = adaround::rectifiedSigmoid(v[i]);
    }
    sigmoid_->setData(v, s, true);
    stretched_->setData(v, st, true);
    rectified_->setData(v, h, true);
    xAxis->setRange(-kVRange, kVRange);
    yAxis->setRange(kRelaxationGamma - 0.08, kRelaxationZeta + 0.08);

    // Where h reaches 0 and 1: beyond, its gradient is zero.
    const double edge = adaround::inverseRectifiedSigmoid(1.0);
    for (double at : {-edge, edge}) {
        auto* line = new QCPItemStraightLine(this);
        line->point1->setCoords(at, 0);
        line->point2->setCoords(at, 1);
        line->setPen(QPen(QColor(170, 170, 170), 1, Qt::DotLine));
    }
    auto* note = new QCPItemText(this);
    note->setText(tr("h = 1 for V ≥ %1\nh = 0 for V ≤ %2\n(gradient 0: decided)")
                      .arg(edge, 0, 'f', 2)
                      .arg(-edge, 0, 'f', 2));
    note->position->setType(QCPItemPosition::ptAxisRectRatio);
    note->position->setCoords(0.02, 0.06);
    note->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    note->setTextAlignment(Qt::AlignLeft);
    note->setColor(QColor(90, 90, 90));

    plotstyle::legendBelow(this, 3);
    setMinimumSize(260, 200);
    auto* interaction = PlotInteraction::install(this);
    interaction->setKeyText([](const QCPAbstractPlottable*, double v) { return tr("V = %1").arg(v, 0, 'f', 2); });
    interaction->setValueText([](const QCPAbstractPlottable*, double h) { return QString::number(h, 'f', 3); });
}
