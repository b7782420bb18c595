#pragma once
// The paper's design choices as a bar chart: each variant's top-1, mean over
// seeds, with ± one standard deviation as error bars and each seed as a dot;
// round-to-nearest (the floor) as a dashed line; the default variant's bar
// in the run colour, the others grey.
#include "adaround/ablation.h"

#include <qcustomplot.h>

class AblationChart : public QCustomPlot {
    Q_OBJECT
public:
    explicit AblationChart(QWidget* parent = nullptr);
    void setResult(const adaround::AblationResult& result);
    QString titleText() const;
    QCPBars* bars() const { return bars_; }
    QCPErrorBars* errorBars() const { return errors_; }

private:
    QCPTextElement* title_;
    QCPBars* bars_ = nullptr;
    QCPBars* defaultBar_ = nullptr;
    QCPErrorBars* errors_ = nullptr;
    QCPGraph* seeds_ = nullptr;
    QCPGraph* rtn_ = nullptr;
};
