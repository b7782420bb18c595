#pragma once
// The rounding regulariser for teaching: f_reg(h) = 1 − |2h − 1|^β against h
// for a few fixed β (thin), the run's current β (thick, moving as β anneals;
// greyed with "warm-up: no regulariser" while it is off), and under the curves
// the current layer's h(V) histogram (right axis): the regulariser's push is
// what drives that mass to 0 and 1.
#include "adaround/run_events.h"

#include <qcustomplot.h>

class RegulariserPlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit RegulariserPlot(QWidget* parent = nullptr);

    static QVector<double> referenceBetas(); // 20, 10, 5, 2
    static constexpr int kPoints = 401;      // h from 0 to 1

    // The current β, and whether the regulariser is on (false: the warm-up, or λ = 0).
    // Cheap: the curve is recomputed by redraw().
    void setCurrent(double beta, bool regularised, const QString& offText = {});
    void clearCurrent();
    // The histogram under the curves; LAYER names it in the title.
    void setHistogram(const adaround::HistogramSnapshot& s, const QString& layer);
    void clearHistogram(const QString& title = {});
    void redraw(); // recomputes the current curve if needed and replots (queued)

    double currentBeta() const { return beta_; }
    bool hasCurrent() const { return hasCurrent_; }
    bool regularised() const { return regularised_; }
    bool warmupLabelShown() const;
    QCPGraph* currentCurve() const { return current_; }
    const QVector<QCPGraph*>& referenceCurves() const { return references_; }
    QCPBars* histogram() const { return bars_; }
    QString title() const;

private:
    QCPBars* bars_;
    QCPGraph* current_;
    QVector<QCPGraph*> references_;
    QCPItemText* offLabel_;
    QCPTextElement* title_;
    double beta_ = 0;
    bool hasCurrent_ = false;
    bool regularised_ = false;
    bool curveDirty_ = false;
};
