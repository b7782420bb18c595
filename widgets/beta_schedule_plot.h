#pragma once
// A preview of the annealing schedule the run will use: β against the
// iteration, with the warm-up (regulariser off) shaded; optionally a marker
// at the iteration a run (live or replayed) has reached.
#include "adaround/adaround_config.h"

#include <QVector>
#include <QWidget>

class QCustomPlot;
class QCPItemRect;
class QCPItemStraightLine;
class QCPItemTracer;

class BetaSchedulePlot : public QWidget {
    Q_OBJECT
public:
    explicit BetaSchedulePlot(QWidget* parent = nullptr);

    void setSchedule(const adaround::AnnealingSchedule& schedule);
    // A vertical line and a dot at (ITERATION, BETA): where the shown run is.
    void setMarker(int iteration, double beta);
    void clearMarker();
    bool hasMarker() const { return marker_ >= 0; }
    int markerIteration() const { return marker_; }
    double markerBeta() const { return markerBeta_; }

    // The plotted curve, for tests.
    QVector<double> iterations() const { return keys_; }
    QVector<double> betas() const { return values_; }
    double warmupEnd() const { return warmupEnd_; }

private:
    QCustomPlot* plot_;
    QCPItemRect* warmup_;
    QCPItemStraightLine* markerLine_;
    QCPItemTracer* markerDot_;
    int marker_ = -1;
    double markerBeta_ = 0;
    QVector<double> keys_, values_;
    double warmupEnd_ = 0;
};
