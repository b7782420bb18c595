#pragma once
// A preview of the annealing schedule the run will use: β against the
// iteration, with the warm-up (regulariser off) shaded.
#include "adaround/adaround_config.h"

#include <QVector>
#include <QWidget>

class QCustomPlot;
class QCPItemRect;

class BetaSchedulePlot : public QWidget {
    Q_OBJECT
public:
    explicit BetaSchedulePlot(QWidget* parent = nullptr);

    void setSchedule(const adaround::AnnealingSchedule& schedule);

    // The plotted curve, for tests.
    QVector<double> iterations() const { return keys_; }
    QVector<double> betas() const { return values_; }
    double warmupEnd() const { return warmupEnd_; }

private:
    QCustomPlot* plot_;
    QCPItemRect* warmup_;
    QVector<double> keys_, values_;
    double warmupEnd_ = 0;
};
