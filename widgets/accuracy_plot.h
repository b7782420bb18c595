#pragma once
// Top-1 accuracy over the layers quantized so far. Every line on the curve
// axes is measured on the same eval subset and names its image count: RTN and
// AdaRound of the layers so far (from 0), FP32 and RTN of every planned layer
// (the run's SubsetBaseline, known before the first layer); a caption over the
// legend names the count ("Lines: top-1 on the same 500 eval images"). Full-set figures
// (the run's finals, or an FP32/RTN evaluation without AdaRound) go in a bar
// panel beside it, labelled with their own image count, never as a line the
// subset curve is read against. Comparison runs add their AdaRound curves,
// dashed, in their own colours.
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
    void setBaseline(const adaround::SubsetBaseline& b);
    void addPoint(const adaround::AccuracyPoint& p);
    void setFinal(const adaround::RunFinished& f);
    // FP32 and RTN on a whole eval folder without an AdaRound run (Run > Evaluate FP32 / RTN).
    void setEvaluation(const adaround::Accuracy& fp32, const adaround::Accuracy& rtn, int64_t images);

    void addComparison(const adaround::RunRecord& r, const QString& label, const QColor& color);
    void clearComparisons();

    void refresh(); // ranges after data changed; call before replot

    QCPGraph* rtnGraph() const { return rtn_; }
    QCPGraph* adaroundGraph() const { return adaround_; }
    QCPGraph* fp32Graph() const { return fp32_; }       // FP32 on the subset (flat line)
    QCPGraph* rtnPlanGraph() const { return rtnPlan_; } // RTN of every planned layer on the subset (flat line)
    QCPAxisRect* finalRect() const { return finalRect_; } // the full-set panel; null until there are figures
    QCPBars* finalTop1() const { return top1_; }
    QCPBars* finalTop5() const { return top5_; }
    QCPItemText* note() const { return note_; } // e.g. "no baseline in this log"; null when none
    QCPTextElement* legendCaption() const { return caption_; } // the legend's first line: the images of each kind
    const std::vector<QCPGraph*>& comparisonGraphs() const { return comparisons_; }
    int64_t subsetImages() const { return subsetImages_; }

private:
    struct FullSetBar {
        QString name;
        adaround::Accuracy accuracy;
    };
    void showFullSet(const std::vector<FullSetBar>& bars, const QString& caption, int64_t images);
    void nameCurves();
    void updateCaption();
    void showNote(const QString& text);
    void include(double top1);
    void removeFinal();
    void rescan();

    QCPGraph* rtn_;
    QCPGraph* adaround_;
    QCPGraph* fp32_;
    QCPGraph* rtnPlan_;
    QCPLayoutGrid* content_;
    QCPMarginGroup* margins_;
    QCPBarsGroup* barsGroup_;
    QCPTextElement* title_;
    QCPTextElement* caption_;
    int64_t fullSetImages_ = 0; // of the bar panel; 0 without one
    QCPAxisRect* finalRect_ = nullptr;
    QCPBars* top1_ = nullptr;
    QCPBars* top5_ = nullptr;
    QCPItemText* note_ = nullptr;
    std::vector<QCPItemText*> finalLabels_;
    std::vector<QCPGraph*> comparisons_;
    std::optional<adaround::SubsetBaseline> baseline_;
    int64_t subsetImages_ = 0; // the curve's images: planned from the config, then measured
    int plannedLayers_ = 0;
    double layersMax_ = 0;
    double low_ = 100, high_ = 0; // top-1 values seen
};
