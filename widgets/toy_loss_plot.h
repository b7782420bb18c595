#pragma once
// The loss terms of AdaRound on a toy problem over its iterations: the
// reconstruction Δwᵀ H Δw, the rounding loss λ Σ (1 − |2h − 1|^β), and β on
// the right axis, with the warm-up shaded; drawn up to the animation's frame.
#include "adaround/teaching/toy_adaround.h"

#include "qcustomplot.h"

class ToyLossPlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit ToyLossPlot(QWidget* parent = nullptr);

    void setRun(const adaround::teaching::ToyResult& run, const adaround::teaching::ToySettings& settings);
    // Shows the path's points 0..FRAME (the run's path index).
    void setFrame(int frame);
    void clearRun();
    int shownPoints() const;

private:
    adaround::teaching::ToyResult run_;
    QCPGraph* rec_ = nullptr;
    QCPGraph* reg_ = nullptr;
    QCPGraph* beta_ = nullptr;
    QCPItemRect* warmup_ = nullptr;
    QCPItemText* warmupLabel_ = nullptr;
};
