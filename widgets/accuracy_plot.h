#pragma once
// Top-1 accuracy over the layers quantized so far: RTN and AdaRound curves,
// FP32 as a dashed reference once known; after the run, a bar panel beside it
// with the final FP32 / RTN / AdaRound top-1 and top-5. Comparison runs add
// their AdaRound curves, dashed, in their own colours.
#include "adaround/run_record.h"

#include <qcustomplot.h>

#include <optional>
#include <vector>

class AccuracyPlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit AccuracyPlot(QWidget* parent = nullptr);

    void reset(const adaround::RunStarted& run); // a new main run
    void clearRun();
    void addPoint(const adaround::AccuracyPoint& p);
    void setFinal(const adaround::RunFinished& f);

    void addComparison(const adaround::RunRecord& r, const QString& label, const QColor& color);
    void clearComparisons();

    void refresh(); // ranges after data changed; call before replot

    QCPGraph* rtnGraph() const { return rtn_; }
    QCPGraph* adaroundGraph() const { return adaround_; }
    QCPGraph* fp32Graph() const { return fp32_; }
    QCPAxisRect* finalRect() const { return finalRect_; } // null until the run finished
    QCPBars* finalTop1() const { return top1_; }
    QCPBars* finalTop5() const { return top5_; }
    const std::vector<QCPGraph*>& comparisonGraphs() const { return comparisons_; }

private:
    void include(double top1);
    void removeFinal();
    void rescan();

    QCPGraph* rtn_;
    QCPGraph* adaround_;
    QCPGraph* fp32_;
    QCPLayoutGrid* content_;
    QCPMarginGroup* margins_;
    QCPBarsGroup* barsGroup_;
    QCPTextElement* title_;
    QCPAxisRect* finalRect_ = nullptr;
    QCPBars* top1_ = nullptr;
    QCPBars* top5_ = nullptr;
    std::vector<QCPItemText*> finalLabels_;
    std::vector<QCPGraph*> comparisons_;
    std::optional<double> fp32Top1_;
    int plannedLayers_ = 0;
    double layersMax_ = 0;
    double low_ = 100, high_ = 0; // top-1 values seen
};
