#pragma once
// The relaxation AdaRound optimises, for teaching: h(V), the rectified sigmoid
// of the learned variable V, against V; beside it σ(V) and the stretched
// sigmoid before the clip, so students see why h reaches 0 and 1 exactly (and
// its gradient vanishes there: a weight that got there has decided).
#include <qcustomplot.h>

class RectifiedSigmoidPlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit RectifiedSigmoidPlot(QWidget* parent = nullptr);

    QCPGraph* rectified() const { return rectified_; } // h(V)
    QCPGraph* sigmoid() const { return sigmoid_; }     // σ(V)
    QCPGraph* stretched() const { return stretched_; } // σ(V)(ζ − γ) + γ, before the clip

    static constexpr double kVRange = 8; // V from −8 to 8
    static constexpr int kPoints = 321;

private:
    QCPGraph* rectified_;
    QCPGraph* sigmoid_;
    QCPGraph* stretched_;
};
