#pragma once
// The stochastic-rounding study's main picture (Nagel et al. 2020, section 2):
// a histogram of the random roundings' top-1, with vertical lines at
// round-to-nearest and AdaRound, and the share of roundings that beat nearest
// in the title.
#include "adaround/study_events.h"

#include <qcustomplot.h>

class StudyHistogramPlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit StudyHistogramPlot(QWidget* parent = nullptr);
    void setRecord(const adaround::StudyRecord& record);
    QString titleText() const;

private:
    QCPTextElement* title_;
    QCPBars* bars_;
    QCPGraph* nearest_;
    QCPGraph* adaround_;
};
