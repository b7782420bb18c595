#pragma once
// The paper's argument that the local loss predicts the task loss: each
// rounding's top-1 against its layer-output MSE (rec MSE), with nearest and
// AdaRound marked and the Pearson correlation over the random roundings.
#include "adaround/study_events.h"

#include <qcustomplot.h>

class StudyScatterPlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit StudyScatterPlot(QWidget* parent = nullptr);
    void setRecord(const adaround::StudyRecord& record);
    QString titleText() const;

private:
    QCPTextElement* title_;
    QCPGraph* samples_;
    QCPGraph* nearest_;
    QCPGraph* adaround_;
};
